package org.facecensus.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset commands refuse {@code mobilefacenet} wherever they compare faces by cosine (it scores any two faces
 * 0.999 or more; README, "The Human model zoo"), at once and before any work, naming what to use instead.
 */
class DatasetEmbedderOptionTest {
    @TempDir
    Path tmp;

    @Test
    void buildRefusesMobilefacenetForNearDuplicates() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path out = tmp.resolve("out");
        DetectCommandTest.Result r = DetectCommandTest.run("dataset", "build", in.toString(), "--out", out.toString(),
                "--embedder", "mobilefacenet");
        assertNotEquals(0, r.exit(), r.out());
        assertTrue(r.err().contains("--embedder mobilefacenet") && r.err().contains("faceres-features"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void trainRefusesMobilefacenetForTheSampleCheckBeforeTraining() throws Exception {
        Path dataset = Files.createDirectories(tmp.resolve("dataset"));
        Path out = tmp.resolve("model");
        DetectCommandTest.Result r = DetectCommandTest.run("dataset", "train", dataset.toString(), "--out", out.toString(),
                "--model", "vae", "--check-embedder", "mobilefacenet");
        assertNotEquals(0, r.exit(), r.out());
        assertTrue(r.err().contains("--check-embedder mobilefacenet") && r.err().contains("faceres-features"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
