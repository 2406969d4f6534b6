package org.facecensus.census.collection;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.facecensus.FaceCensusException;

/**
 * Fuzzes the catalogue reader with arbitrary file contents, once as a CSV and once as JSON Lines. Expected:
 * records, row errors, or a {@link FaceCensusException} saying what is wrong; anything else is a finding.
 *
 * <p>Each method has its own seeds in {@code src/test/resources/org/facecensus/census/collection/
 * MetadataFileFuzzTestInputs/<method>/} (three made-up poster records in each encoding and delimiter). Plain
 * {@code mvn test} replays them; {@code JAZZER_FUZZ=1} fuzzes one method (README, "Fuzzing").
 */
class MetadataFileFuzzTest {
    // One directory for the run: the reader takes a Path, and its kind comes from the file's extension.
    private static final Path DIR = tempDir();

    @FuzzTest(maxDuration = "5m")
    void csv(byte[] data) {
        readAs("catalogue.csv", data);
    }

    @FuzzTest(maxDuration = "5m")
    void jsonl(byte[] data) {
        readAs("catalogue.jsonl", data);
    }

    private static void readAs(String name, byte[] data) {
        Path file = DIR.resolve(name);
        try {
            Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            MetadataFile read = MetadataFile.read(file, CatalogueOptions.DETECT);
            read.format().describe();
        } catch (FaceCensusException expected) {
            // A clear refusal is the contract.
        }
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("catalogue-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
