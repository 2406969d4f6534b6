package org.facecensus.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.facecensus.label.Card;
import org.facecensus.label.CardOrder;
import org.facecensus.label.CensusFolder;
import org.facecensus.label.LabelServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The labelling server on a 10,000-face census, over real HTTP on 127.0.0.1: a page of 100 cards, one label
 * (forced to disk), the progress line, and one crop. The census is synthetic but its crops are real: the first
 * {@code faces} UTKFace-large chips (200×200 JPEG), four faces per item, probabilities spread over [0.5, 1).
 * Run: {@code java -jar benchmarks/target/benchmarks.jar LabelServer}
 *
 * <p>Thread-safety: a JMH state object, used by the one benchmark thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class LabelServerBenchmark {
    private static final int FACES_PER_ITEM = 4;

    @Param("../shared/data/utkface-large/images")
    public String crops;

    @Param("10000")
    public int faces;

    private Path dir;
    private LabelServer server;
    private HttpClient http;
    /** The cards in order, as the page would label them (the server takes each label's stream from its card). */
    private List<Card> cards;
    private int labelled;

    @Setup(Level.Trial)
    public void start() throws IOException {
        dir = Files.createTempDirectory("facecensus-label-bench");
        Path census = syntheticCensus(dir, Path.of(crops), faces);
        server = LabelServer.start(census, 0, 4);
        CensusFolder folder = CensusFolder.read(census);
        CardOrder order = CardOrder.of(folder.faces(), CardOrder.seedOf(folder), 4);
        cards = order.cards(0, order.size());
        http = HttpClient.newHttpClient();
    }

    /** A census folder whose faces are the first {@code count} chips under {@code chips}, copied as its crops. */
    static Path syntheticCensus(Path dir, Path chips, int count) throws IOException {
        Path census = Files.createDirectories(dir.resolve("census"));
        Path cropDir = Files.createDirectories(census.resolve("crops"));
        List<Path> sources;
        try (Stream<Path> files = Files.list(chips)) {
            sources = files.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(count).toList();
        }
        if (sources.size() < count) {
            throw new IllegalStateException("only " + sources.size() + " chips under " + chips + ", " + count + " wanted");
        }
        StringBuilder facesCsv = new StringBuilder("item_id,face_index,x,y,width,height,score,gender,probability,crop,error,models\n");
        StringBuilder items = new StringBuilder("item_id,file,faces,tags,year_from,year_to\n");
        for (int k = 0; k < count; k++) {
            int item = k / FACES_PER_ITEM;
            int face = k % FACES_PER_ITEM;
            String id = String.format(Locale.ROOT, "item%05d", item);
            if (face == 0) {
                items.append(id).append(',').append(id).append(".jpg,").append(FACES_PER_ITEM).append(",poster,1950,1959\n");
            }
            Files.copy(sources.get(k), cropDir.resolve(id + "_" + face + ".jpg"));
            double p = 0.5 + (k * 37 % 500) / 1000.0;
            facesCsv.append(String.format(Locale.ROOT, "%s,%d,10,10,180,180,0.9,%s,%.4f,crops/%s_%d.jpg,,m%n",
                    id, face, k % 2 == 0 ? "female" : "male", p, id, face));
        }
        Files.writeString(census.resolve("faces.csv"), facesCsv);
        Files.writeString(census.resolve("items.csv"), items);
        Files.writeString(census.resolve("run.json"), "{\"collection\":\"" + chips.toAbsolutePath().toString()
                .replace("\\", "\\\\") + "\"}");
        return census;
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        server.close();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private byte[] get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("X-Token", server.token()).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    @Benchmark
    public byte[] cardsPage() throws IOException, InterruptedException {
        int from = ThreadLocalRandom.current().nextInt(Math.max(1, faces - 100));
        return get("/api/cards?from=" + from + "&count=100");
    }

    @Benchmark
    public byte[] progress() throws IOException, InterruptedException {
        return get("/api/progress");
    }

    @Benchmark
    public byte[] crop() throws IOException, InterruptedException {
        int k = ThreadLocalRandom.current().nextInt(faces);
        return get(String.format(Locale.ROOT, "/api/crop/item%05d/%d", k / FACES_PER_ITEM, k % FACES_PER_ITEM));
    }

    @Benchmark
    public byte[] label() throws IOException, InterruptedException {
        int k = labelled++ % cards.size();
        Card card = cards.get(k);
        String body = String.format(Locale.ROOT, "{\"itemId\":\"%s\",\"faceIndex\":%d,\"position\":%d,\"label\":\"%s\"}",
                card.face().key().itemId(), card.face().key().faceIndex(), card.position(), k % 2 == 0 ? "female" : "male");
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/labels"))
                .header("X-Token", server.token()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
    }
}
