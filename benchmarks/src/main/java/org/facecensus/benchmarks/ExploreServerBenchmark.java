package org.facecensus.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.facecensus.label.ExploreServer;
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
 * The explorer's answer to a filter change on a 10,000-item census, over real HTTP on 127.0.0.1: all the
 * figures of the filtered items (shares per decade and tag with bootstrap intervals, the logistic trend
 * with its cluster bootstrap, prominence), as the page asks for them. The census is synthetic: items
 * dated 1900–1999, ten tags, 1–4 faces each with sizes and labels drawn from a seeded random source;
 * no crops (a filter change does not read them). {@code all}: no filter; {@code tag}: one tag of ten
 * (about 1,000 items); {@code decade}: one decade.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar ExploreServer}
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
public class ExploreServerBenchmark {
    @Param("10000")
    public int items;

    @Param({"all", "tag", "decade"})
    public String filter;

    @Param("400")
    public int samples;

    private Path dir;
    private ExploreServer server;
    private HttpClient http;
    private HttpRequest request;

    @Setup(Level.Trial)
    public void start() throws IOException {
        dir = Files.createTempDirectory("facecensus-explore-bench");
        server = ExploreServer.start(syntheticCensus(dir, items), 0, null, samples);
        http = HttpClient.newHttpClient();
        String query = switch (filter) {
            case "tag" -> "?tag=tag3";
            case "decade" -> "?decade=1950s";
            default -> "";
        };
        request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/figures" + query))
                .header("X-Token", server.token()).build();
    }

    static Path syntheticCensus(Path dir, int count) throws IOException {
        Path census = Files.createDirectories(dir.resolve("census"));
        SplittableRandom random = new SplittableRandom(18);
        StringBuilder faces = new StringBuilder("item_id,face_index,x,y,width,height,score,gender,probability,crop,error,models\n");
        StringBuilder rows = new StringBuilder("item_id,file,faces,men,women,unknown,rejected_faces,composition,image_width,"
                + "image_height,catalogued,title,date,year_from,year_to,designer,tags,description,error,problem\n");
        for (int i = 0; i < count; i++) {
            String id = String.format(Locale.ROOT, "item%05d", i);
            int year = 1900 + random.nextInt(100);
            int n = 1 + random.nextInt(4);
            double p = 1 / (1 + Math.exp(-(-0.4 + 0.1 * (year - 1950) / 10.0)));
            for (int j = 0; j < n; j++) {
                int side = 20 + random.nextInt(120);
                String gender = random.nextDouble() < 0.05 ? "unknown" : random.nextDouble() < p ? "female" : "male";
                faces.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,0.9,%s,0.9,,,m%n", id, j,
                        random.nextInt(400), random.nextInt(400), side, side, gender));
            }
            rows.append(String.format(Locale.ROOT, "%s,%s.jpg,%d,,,,0,,600,800,yes,Title %d,%d,%d,%d,designer%d,tag%d,,,%n",
                    id, id, n, i, year, year, year, random.nextInt(30), random.nextInt(10)));
        }
        Files.writeString(census.resolve("faces.csv"), faces);
        Files.writeString(census.resolve("items.csv"), rows);
        Files.writeString(census.resolve("run.json"), "{\"collection\":\"" + dir.resolve("collection").toString().replace("\\", "/") + "\"}");
        return census;
    }

    @Benchmark
    public int filterChange() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("figures answered " + response.statusCode());
        }
        return response.body().length;
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.close();
    }
}
