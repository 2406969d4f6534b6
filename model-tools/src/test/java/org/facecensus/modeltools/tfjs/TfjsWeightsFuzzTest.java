package org.facecensus.modeltools.tfjs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.facecensus.FaceCensusException;
import org.facecensus.modeltools.tfjs.graph.TfjsGraphModel;

/**
 * Fuzzes the TF.js readers: a weights manifest with its shard, and a graph model's {@code model.json} with its
 * shard. Expected: the weights, or a {@link FaceCensusException}; anything else (an exception of another
 * kind, an out-of-memory error on a small input) is a finding.
 *
 * <p>An input is the JSON file, a 0 byte, then the shard's bytes (JSON text never holds a raw 0 byte, so the
 * split is unambiguous and seeds can be written by hand); every path the JSON names resolves to that one
 * shard. Seeds: {@code TfjsWeightsFuzzTestInputs/<method>/}.
 */
class TfjsWeightsFuzzTest {
    private static final Path DIR = tempDir();

    @FuzzTest(maxDuration = "5m")
    void manifest(byte[] data) {
        Path json = write(data);
        try {
            TfjsWeights.read(json, p -> DIR.resolve("shard.bin"));
        } catch (FaceCensusException expected) {
            // A clear refusal is the contract.
        }
    }

    @FuzzTest(maxDuration = "5m")
    void graphModel(byte[] data) {
        Path json = write(data);
        try {
            TfjsGraphModel.read(json, p -> DIR.resolve("shard.bin"));
        } catch (FaceCensusException expected) {
            // A clear refusal is the contract.
        }
    }

    private static Path write(byte[] data) {
        int zero = 0;
        while (zero < data.length && data[zero] != 0) {
            zero++;
        }
        byte[] json = Arrays.copyOf(data, zero);
        byte[] shard = zero < data.length ? Arrays.copyOfRange(data, zero + 1, data.length) : new byte[0];
        try {
            Files.write(DIR.resolve("shard.bin"), shard);
            return Files.write(DIR.resolve("model.json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("tfjs-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
