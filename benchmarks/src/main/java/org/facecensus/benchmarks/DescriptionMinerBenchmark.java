package org.facecensus.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.facecensus.text.DefaultDescriptionMiner;
import org.facecensus.text.DescriptionMiner;
import org.facecensus.text.Mention;
import org.facecensus.text.StudyDescriptionMiner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Description-mining throughput on the 150 real poster records, one thread, in descriptions per second
 * (one invocation mines all 150 descriptions, empty ones included, as a mining run would). The miners
 * skip descriptions and sentences without a gendered word before tagging and lemmatising.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar DescriptionMiner -wi 2 -i 3 -f 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class DescriptionMinerBenchmark {
    private static final int RECORDS = 150;

    @Param("../shared/data/poster-notes/records.jsonl")
    public String records;

    @Param({"default", "study"})
    public String mode;

    private final List<String> descriptions = new ArrayList<>();
    private DescriptionMiner miner;

    @Setup
    public void load() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(Path.of(records), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode description = json.readTree(line).get("description");
                descriptions.add(description == null || description.isNull() ? null : description.asText());
            }
        }
        if (descriptions.size() != RECORDS) {
            throw new IllegalStateException("expected " + RECORDS + " records in " + records + ", found " + descriptions.size());
        }
        miner = mode.equals("study") ? new StudyDescriptionMiner() : new DefaultDescriptionMiner();
        miner.mine("A peasant woman."); // loads the models outside the measurement
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public int mineAll() {
        int mentions = 0;
        for (String description : descriptions) {
            List<Mention> found = miner.mine(description);
            mentions += found.size();
        }
        return mentions;
    }
}
