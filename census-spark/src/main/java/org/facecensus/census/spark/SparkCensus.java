package org.facecensus.census.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.facecensus.FaceCensusException;
import org.facecensus.census.collection.CollectionIndex;
import org.facecensus.census.collection.CollectionItem;
import org.facecensus.census.engine.CensusJob;
import org.facecensus.census.run.AnalysedItem;
import org.facecensus.census.run.CensusResult;
import org.facecensus.census.run.CensusRun;
import org.facecensus.census.run.CensusSettings;
import org.facecensus.census.run.RunListener;
import org.facecensus.http.HttpFetcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.facecensus.io.Sha256;

/**
 * The census as a Spark job. On the driver: the collection is indexed (manifests fetched) and cut into fixed chunks
 * of {@link CensusJob#itemsPerPartition()} items in collection order; chunks whose Parquet files exist are skipped;
 * the others become one Spark partition each ({@link ChunkTask}). Then every chunk's rows are read back and the
 * outputs are written by {@link CensusRun#finish}, exactly as the single-machine census writes them.
 *
 * <p>{@code OUT/parquet/job.json} holds the settings, the models' sha256, the partition size and a hash of the item
 * ids: a re-run with anything different is refused (as the single-machine journal refuses), because a chunk's
 * number would then name other items.
 *
 * <p>Thread-safety: one run per output folder at a time.
 */
final class SparkCensus {
    private static final Logger LOG = LoggerFactory.getLogger(SparkCensus.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FORMAT = "facecensus-spark-census/1";

    private SparkCensus() {
    }

    static CensusResult run(CensusJob job) {
        long start = System.nanoTime();
        CensusSettings s = job.settings();
        if (s.facesFrom() != null) {
            throw new FaceCensusException("--faces-from is not supported with --engine spark; re-classify with the "
                    + "local engine (leave out --engine)");
        }
        CollectionIndex collection;
        try (HttpFetcher http = s.web() == null ? null : s.webOptions().newFetcher()) {
            collection = CensusRun.index(s, http);
        }
        Path out = s.outDir();
        List<Chunk> chunks = chunks(collection.items(), job.itemsPerPartition());
        // The driver's analyzer: names and models for the outputs; in local mode the executors share it.
        ExecutorState driver = ExecutorState.get(job.analyzer(), s.webOptions());
        Map<String, String> fingerprint = s.fingerprint(driver.analyzer);
        checkJobFile(out, fingerprint, driver, job.itemsPerPartition(), collection.items());
        List<Chunk> pending = chunks.stream().filter(c -> !ParquetTables.finished(out, c)).toList();
        int pendingItems = pending.stream().mapToInt(c -> c.items().size()).sum();
        double scanSeconds = (System.nanoTime() - start) / 1e9;
        LOG.info("{} items in {} chunks of {}; {} chunks ({} items) to analyse", collection.items().size(),
                chunks.size(), job.itemsPerPartition(), pending.size(), pendingItems);

        SparkConf conf = new SparkConf().setAppName("facecensus census " + s.collectionName());
        if (job.master() != null) {
            conf.setMaster(job.master());
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        long analyseStart = System.nanoTime();
        List<ChunkResult> results;
        Map<String, AnalysedItem> done;
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            results = pending.isEmpty() ? List.of() : jsc.parallelize(pending, pending.size())
                    .map(new ChunkTask(job.analyzer(), s.webOptions(), out)).collect();
            done = ParquetTables.read(spark, out, chunks);
        } finally {
            spark.stop();
        }
        double analyseSeconds = (System.nanoTime() - analyseStart) / 1e9;
        writeSparkJson(out, conf.get("spark.master"), chunks.size(), results, analyseSeconds);
        int analysedNow = results.stream().mapToInt(ChunkResult::items).sum();
        return new CensusRun(s, driver.analyzer, job.summariser(), RunListener.NONE).finish(collection, done,
                analysedNow, driver.analyzer.detectionModels(), fingerprint, start, scanSeconds, analyseSeconds);
    }

    /** Fixed slices of {@code size} items in collection order: chunk k is the same items in every run. */
    static List<Chunk> chunks(List<CollectionItem> items, int size) {
        List<Chunk> out = new ArrayList<>();
        for (int from = 0, k = 0; from < items.size(); from += size, k++) {
            out.add(new Chunk(k, items.subList(from, Math.min(items.size(), from + size)).stream().map(WorkItem::of)
                    .toList()));
        }
        return out;
    }

    private static void checkJobFile(Path out, Map<String, String> fingerprint, ExecutorState driver, int size,
                                     List<CollectionItem> items) {
        Map<String, String> key = new TreeMap<>(fingerprint);
        key.put("models", driver.analyzer.models().stream().map(m -> m.name() + " sha256 " + m.sha256()).sorted()
                .collect(Collectors.joining("; ")));
        key.put("--items-per-partition", Integer.toString(size));
        key.put("items", items.size() + " items, sha256 of ids " + Sha256.hex(items.stream().map(CollectionItem::itemId)
                .collect(Collectors.joining("\n"))));
        Path file = out.resolve("parquet").resolve("job.json");
        try {
            if (Files.isRegularFile(file)) {
                JsonNode before = JSON.readTree(file.toFile());
                if (!FORMAT.equals(before.path("format").asText())) {
                    throw new FaceCensusException(file + " is not a FaceCensus Spark job file; choose another --out");
                }
                List<String> differences = new ArrayList<>();
                key.forEach((k, v) -> {
                    String old = before.path("settings").path(k).asText("");
                    if (!old.equals(v)) {
                        differences.add(k + " was '" + old + "', now '" + v + "'");
                    }
                });
                if (!differences.isEmpty()) {
                    throw new FaceCensusException("the output folder holds a Spark census with other settings: "
                            + String.join("; ", differences) + ". Run again with the same arguments to resume, or "
                            + "choose another --out folder (or delete " + out.resolve("parquet") + " to start over)");
                }
                return;
            }
            Files.createDirectories(file.getParent());
            ObjectNode n = JSON.createObjectNode();
            n.put("format", FORMAT);
            n.set("settings", JSON.valueToTree(key));
            Path tmp = file.resolveSibling("_job.json.tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n), StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new FaceCensusException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code OUT/spark.json}: what this run's tasks did, per chunk and per executor (used heap after each chunk). */
    private static void writeSparkJson(Path out, String master, int chunks, List<ChunkResult> results, double seconds) {
        ObjectNode n = JSON.createObjectNode();
        n.put("master", master);
        n.put("chunks", chunks);
        n.put("chunksAnalysedNow", results.stream().filter(r -> !r.skipped()).count());
        int items = results.stream().mapToInt(ChunkResult::items).sum();
        n.put("itemsAnalysedNow", items);
        n.put("analyseSeconds", Math.round(seconds * 1000) / 1000.0);
        n.put("itemsPerSecond", seconds > 0 ? Math.round(items / seconds * 1000) / 1000.0 : 0);
        Map<String, Long> heap = new LinkedHashMap<>();
        for (ChunkResult r : results) {
            heap.merge(r.executor(), r.heapUsedMb(), Math::max);
        }
        n.set("maxUsedHeapMbPerExecutorJvm", JSON.valueToTree(heap));
        ArrayNode per = n.putArray("chunkResults");
        results.forEach(r -> per.add(JSON.valueToTree(r)));
        try {
            Files.writeString(out.resolve("spark.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FaceCensusException("cannot write " + out.resolve("spark.json") + ": " + e.getMessage(), e);
        }
    }
}
