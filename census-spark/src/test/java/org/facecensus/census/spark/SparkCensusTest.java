package org.facecensus.census.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.facecensus.analysis.FaceAnalyzer;
import org.facecensus.census.Census;
import org.facecensus.census.engine.AnalyzerRecipe;
import org.facecensus.census.engine.CensusEngines;
import org.facecensus.census.engine.CensusJob;
import org.facecensus.census.run.CensusResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine against the single-machine census on a deterministic People-Art subset: identical faces.csv,
 * items.csv and stats.json; and a Spark run killed with SIGKILL and started again loses and duplicates nothing, and a
 * chunk whose task died between writing its faces and its items is redone once, without a second copy of a face.
 */
class SparkCensusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The census's default components, on the CPU (the same for both engines). */
    static final AnalyzerRecipe RECIPE = new AnalyzerRecipe(Census.DEFAULT_DETECTOR, Census.DEFAULT_LANDMARKS, null,
            Census.DEFAULT_CLASSIFIER, null, null, "cpu", null, null);
    /** Per style, the first images by name: 4 styles × 3 = 12 artworks (photos and posters, with and without people). */
    private static final int PER_STYLE = 3;

    @TempDir
    static Path dir;
    private static Path collection;
    private static Path catalogue;
    private static Path local;

    @BeforeAll
    static void singleMachineCensus() throws IOException {
        Path shared = sharedPeopleArt();
        collection = Files.createDirectories(dir.resolve("peopleart"));
        StringBuilder csv = new StringBuilder("file,tags\n");
        try (Stream<Path> styles = Files.list(shared).sorted()) {
            for (Path style : styles.toList()) {
                try (Stream<Path> images = Files.list(style).sorted()) {
                    for (Path image : images.limit(PER_STYLE).toList()) {
                        Path copy = Files.createDirectories(collection.resolve(style.getFileName().toString()))
                                .resolve(image.getFileName().toString());
                        Files.copy(image, copy);
                        csv.append(image.getFileName()).append(',').append(style.getFileName()).append('\n');
                    }
                }
            }
        }
        catalogue = Files.writeString(dir.resolve("catalogue.csv"), csv);
        local = dir.resolve("local");
        try (FaceAnalyzer analyzer = RECIPE.builder().build()) {
            Census.of(collection).catalogue(catalogue).out(local).threads(2).minTagItems(2).analyzer(analyzer).run();
        }
    }

    static Path sharedPeopleArt() {
        String prop = System.getProperty("facecensus.shared");
        Path root = prop == null || prop.contains("${") ? Path.of("..", "..", "shared") : Path.of(prop);
        Path images = root.resolve("data/peopleart/JPEGImages");
        assumeTrue(Files.isDirectory(images), "shared data not found: " + images.toAbsolutePath());
        return images;
    }

    static CensusJob job(Path collection, Path catalogue, Path out, String master, int perPartition) {
        Census census = Census.of(collection).catalogue(catalogue).out(out).threads(2).minTagItems(2);
        return new CensusJob(census.settings(), RECIPE, census.summariser(), master, perPartition);
    }

    @Test
    void sparkLocal2WritesTheSameFacesItemsAndStatisticsAsTheSingleMachineCensus() throws IOException {
        Path spark = dir.resolve("spark");
        CensusResult result = CensusEngines.find("spark").run(job(collection, catalogue, spark, "local[2]", 3));
        assertEquals(4 * PER_STYLE, result.images());
        assertSameOutputs(local, spark);
        assertTrue(Files.isRegularFile(spark.resolve("report.html")));
        assertTrue(Files.isRegularFile(spark.resolve("census.sqlite")));
        JsonNode sparkJson = JSON.readTree(spark.resolve("spark.json").toFile());
        assertEquals(4, sparkJson.get("chunks").asInt(), "12 items in chunks of 3");
        assertEquals(12, sparkJson.get("itemsAnalysedNow").asInt());
    }

    @Test
    void aKilledSparkRunResumesWithoutLosingOrDuplicatingFaces() throws Exception {
        Path spark = dir.resolve("spark-killed");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the same JVM options as this test JVM (the add-opens Spark needs on Java 17)
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-D") || arg.startsWith("-XX:+Ignore")) {
                command.add(arg);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SparkCensusChild.class.getName(),
                collection.toString(), catalogue.toString(), spark.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        Path items = ParquetTables.itemsDir(spark);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        int finishedAtKill;
        while (true) {
            finishedAtKill = count(items);
            if (finishedAtKill >= 2 || !child.isAlive() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(20);
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, tasks cut mid-chunk
        child.waitFor();
        assertTrue(finishedAtKill >= 2 && finishedAtKill < 6, "killed with " + finishedAtKill + " of 6 chunks written; "
                + "child log: " + Files.readString(dir.resolve("child.log"), StandardCharsets.UTF_8));

        CensusEngines.find("spark").run(job(collection, catalogue, spark, "local[2]", 2));
        JsonNode sparkJson = JSON.readTree(spark.resolve("spark.json").toFile());
        assertTrue(sparkJson.get("chunksAnalysedNow").asInt() <= 6 - finishedAtKill,
                "finished chunks are skipped: " + sparkJson);
        assertSameOutputs(local, spark);

        // A task that died between its two moves (faces file in place, items file not): only that chunk is
        // analysed again, its faces file is replaced, not added to. Every other chunk is skipped.
        Files.delete(items.resolve("chunk-000000.parquet"));
        CensusEngines.find("spark").run(job(collection, catalogue, spark, "local[2]", 2));
        JsonNode again = JSON.readTree(spark.resolve("spark.json").toFile());
        assertEquals(2, again.get("itemsAnalysedNow").asInt(), again.toString());
        assertEquals(1, again.get("chunksAnalysedNow").asInt(), again.toString());
        assertSameOutputs(local, spark);
    }

    @Test
    void aUrlListRunsOnSparkAsOnOneMachineWithItsBadItems() throws Exception {
        // four of the artworks from 127.0.0.1 (from memory, under a random token; Host checked), plus a 404 row
        String token = java.util.UUID.randomUUID().toString();
        Map<String, byte[]> images = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(collection)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().limit(4).toList()) {
                images.put("/" + token + "/" + f.getFileName(), Files.readAllBytes(f));
            }
        }
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        int port = server.getAddress().getPort();
        server.createContext("/", ex -> {
            try (ex) {
                byte[] body = ("127.0.0.1:" + port).equals(ex.getRequestHeaders().getFirst("Host"))
                        ? images.get(ex.getRequestURI().getRawPath()) : null;
                ex.getResponseHeaders().set("Content-Type", body == null ? "text/plain" : "image/jpeg");
                ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
                if (body != null) {
                    ex.getResponseBody().write(body);
                }
            }
        });
        server.start();
        try {
            StringBuilder csv = new StringBuilder("url,title\n");
            images.keySet().forEach(path -> csv.append("http://127.0.0.1:").append(port).append(path).append(",art\n"));
            csv.append("http://127.0.0.1:").append(port).append("/").append(token).append("/gone.jpg,missing\n");
            Path list = Files.writeString(dir.resolve("urls.csv"), csv);
            Path single = dir.resolve("urls-local");
            Path spark = dir.resolve("urls-spark");
            try (FaceAnalyzer analyzer = RECIPE.builder().build()) {
                Census.of(org.facecensus.census.collection.web.WebSource.urlList(list)).out(single).threads(2)
                        .minTagItems(2).analyzer(analyzer).run();
            }
            Census census = Census.of(org.facecensus.census.collection.web.WebSource.urlList(list)).out(spark)
                    .threads(2).minTagItems(2);
            CensusEngines.find("spark").run(new CensusJob(census.settings(), RECIPE, census.summariser(), "local[2]", 2));
            assertSameOutputs(single, spark);
            assertTrue(Files.readString(spark.resolve("items.csv")).contains("HTTP_NOT_FOUND"));
        } finally {
            server.stop(0);
        }
    }

    private static int count(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return (int) files.filter(p -> p.getFileName().toString().startsWith("chunk-")).count();
        }
    }

    /** faces.csv and items.csv line for line (sorted), stats.json without anything that depends on time. */
    static void assertSameOutputs(Path expected, Path actual) throws IOException {
        for (String table : List.of("faces.csv", "items.csv")) {
            List<String> a = sorted(expected.resolve(table));
            List<String> b = sorted(actual.resolve(table));
            assertEquals(a.size(), b.size(), table + " rows");
            assertEquals(a, b, table);
        }
        assertEquals(withoutTimes(JSON.readTree(expected.resolve("stats.json").toFile())),
                withoutTimes(JSON.readTree(actual.resolve("stats.json").toFile())), "stats.json");
    }

    private static List<String> sorted(Path csv) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
        lines.sort(null);
        return lines;
    }

    private static JsonNode withoutTimes(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String k = e.getKey().toLowerCase(java.util.Locale.ROOT);
                if (!(k.contains("second") || k.contains("elapsed") || k.endsWith("at") || k.contains("time"))) {
                    copy.set(e.getKey(), withoutTimes(e.getValue()));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            var arr = JSON.createArrayNode();
            node.forEach(n -> arr.add(withoutTimes(n)));
            return arr;
        }
        return node;
    }
}
