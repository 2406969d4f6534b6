package org.facecensus.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.facecensus.textminer.DefaultDescriptionMiner;
import org.facecensus.text.DescriptionMiner;
import org.facecensus.textminer.GenderLexicon;
import org.facecensus.text.Mention;
import org.facecensus.textminer.StudyDescriptionMiner;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Description-mining throughput on the real poster records, one thread, in descriptions per second.
 * {@code subset=all}: all 150 records, empty descriptions included, as a mining run sees them; the
 * miners skip descriptions and sentences without a gendered word before tagging and lemmatising.
 * {@code subset=gendered}: only the descriptions that hold a word of the lexicon, so every one is
 * split, tagged and read: the cost per description when the pre-filter cannot help.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar DescriptionMiner -wi 3 -w 5s -i 3 -f 1}
 * (OpenNLP's maxent code needs several seconds of JIT warm-up; 2-second warm-ups under-report.)
 *
 * <p>Thread-safety: a JMH state object, used by the benchmark's thread(s) as its Scope says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class DescriptionMinerBenchmark {
    private static final int RECORDS = 150;

    @Param("../shared/data/poster-notes/records.jsonl")
    public String records;

    @Param({"default", "study"})
    public String mode;

    @Param({"all", "gendered"})
    public String subset;

    private final List<String> descriptions = new ArrayList<>();
    private String[] texts;
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
        if (subset.equals("gendered")) {
            descriptions.removeIf(d -> d == null || !GenderLexicon.defaults().mayMention(d));
        }
        texts = descriptions.toArray(new String[0]);
    }

    /** Descriptions per second: the score is divided by the texts mined per call, via the counter. */
    @Benchmark
    public void mine(DescriptionCounter counter, Blackhole sink) {
        for (String description : texts) {
            List<Mention> found = miner.mine(description);
            sink.consume(found);
        }
        counter.descriptions += texts.length;
    }

    /**
     * Counts descriptions mined, reported by JMH as a secondary throughput result ("descriptions").
     *
     * <p>Thread-safety: a JMH state object with its own Scope, used by one benchmark thread at a time.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class DescriptionCounter {
        public long descriptions;

        @Setup(Level.Iteration)
        public void reset() {
            descriptions = 0;
        }
    }
}
