package org.facecensus.census.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.facecensus.FaceCensusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierErrorRatesTest {
    @TempDir
    Path dir;

    private static final String GOOD = """
            {"classifier": "faceapi-agegender",
             "accuracy": 0.83,
             "confusion": {"female": {"female": 90, "male": 10, "unknown": 5},
                           "male": {"female": 40, "male": 160, "unknown": 7}},
             "data": {"name": "utkface test"}}
            """;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** se = 90 / (90 + 10) = 0.9; sp = 160 / (160 + 40) = 0.8; accuracy = 250 / 300; abstentions left out. */
    @Test
    void readsTheContract() throws IOException {
        Path file = write("eval.json", GOOD);
        ClassifierErrorRates rates = ClassifierErrorRates.read(file);
        assertEquals("faceapi-agegender", rates.classifier());
        assertEquals(90, rates.femaleAsFemale());
        assertEquals(10, rates.femaleAsMale());
        assertEquals(160, rates.maleAsMale());
        assertEquals(40, rates.maleAsFemale());
        assertEquals(file.toString(), rates.source());
        assertEquals(0.9, rates.sensitivity(), 1e-12);
        assertEquals(0.8, rates.specificity(), 1e-12);
        assertEquals(250.0 / 300, rates.accuracy(), 1e-12);
        assertEquals(0.7, rates.youden(), 1e-12);
    }

    /** The report says what the error rates were measured on, as 'gender evaluate --json' records it. */
    @Test
    void sourceNamesTheEvaluationData() throws IOException {
        Path file = write("eval.json", GOOD.replace("{\"name\": \"utkface test\"}",
                "{\"folder\": \"/data/utkface\", \"split\": \"test\", \"skipped\": 0}"));
        assertEquals(file + " (measured on /data/utkface, split test)", ClassifierErrorRates.read(file).source());
    }

    @Test
    void unknownColumnIsOptional() throws IOException {
        ClassifierErrorRates rates = ClassifierErrorRates.read(write("e.json",
                "{\"classifier\":\"x\",\"confusion\":{\"female\":{\"female\":3,\"male\":1},\"male\":{\"female\":1,\"male\":3}}}"));
        assertEquals(0.75, rates.sensitivity(), 1e-12);
    }

    private void assertBroken(String text, String... expected) throws IOException {
        Path file = write("broken.json", text);
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> ClassifierErrorRates.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void brokenFilesNameTheFileAndTheField() throws IOException {
        assertBroken("{\"confusion\": {}}", "\"classifier\"");
        assertBroken("{\"classifier\": \"x\"}", "\"confusion\"");
        assertBroken("{\"classifier\": \"x\", \"confusion\": {\"female\": {\"female\": 1, \"male\": 0}}}",
                "confusion.male");
        assertBroken("{\"classifier\": \"x\", \"confusion\": {\"female\": {\"female\": 1, \"male\": 0},"
                + " \"male\": {\"male\": 4}}}", "confusion.male.female");
        assertBroken("{\"classifier\": \"x\", \"confusion\": {\"female\": {\"female\": -1, \"male\": 0},"
                + " \"male\": {\"male\": 4, \"female\": 0}}}", "confusion.female.female", "-1");
        assertBroken("{\"classifier\": \"x\", \"confusion\": {\"female\": {\"female\": \"12\", \"male\": 0},"
                + " \"male\": {\"male\": 4, \"female\": 0}}}", "confusion.female.female");
        assertBroken("{\"classifier\": \"x\", \"confusion\": {\"female\": {\"female\": 0, \"male\": 0},"
                + " \"male\": {\"male\": 4, \"female\": 0}}}", "no decided prediction for true women");
        assertBroken("{\"classifier\": \"x\", \"confusion\": {\"female\": {\"female\": 4, \"male\": 6},"
                + " \"male\": {\"male\": 5, \"female\": 5}}}", "no better than chance");
        assertBroken("{\"classifier\": \"x\", \"confusion\": ", "not valid JSON");
        assertBroken("[1, 2]", "not a JSON object");
    }

    @Test
    void missingFileSaysHowToMakeOne() {
        Path file = dir.resolve("absent.json");
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> ClassifierErrorRates.read(file));
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains("gender evaluate"), e.getMessage());
    }
}
