package org.facecensus.classify.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.facecensus.FaceCensusException;
import org.facecensus.classify.Gender;
import org.facecensus.classify.data.LabelledFace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link GenderEvaluation} writes, {@link GenderEvaluationFile} reads back. */
class GenderEvaluationFileTest {
    @TempDir
    Path dir;

    private static GenderEvaluation.Verdict verdict(int i, Gender truth, Gender predicted) {
        LabelledFace face = new LabelledFace(Path.of("face" + i + ".jpg"), truth, "test", Map.of("age", "30"), "labels.csv");
        return new GenderEvaluation.Verdict(face, predicted, predicted == Gender.FEMALE ? 0.9 : 0.1);
    }

    /** 3 women: 2 called women, 1 man; 4 men: 3 called men, 1 abstention. */
    @Test
    void readsWhatTheEvaluationWrites() throws IOException {
        List<GenderEvaluation.Verdict> verdicts = new ArrayList<>(List.of(
                verdict(0, Gender.FEMALE, Gender.FEMALE), verdict(1, Gender.FEMALE, Gender.FEMALE),
                verdict(2, Gender.FEMALE, Gender.MALE), verdict(3, Gender.MALE, Gender.MALE),
                verdict(4, Gender.MALE, Gender.MALE), verdict(5, Gender.MALE, Gender.MALE),
                verdict(6, Gender.MALE, Gender.UNKNOWN)));
        ObjectNode result = GenderEvaluation.evaluate("test-classifier", verdicts, List.of("age"));
        // As 'facecensus gender evaluate --json' adds it.
        ObjectNode data = result.putObject("data");
        data.put("folder", "/data/utkface");
        data.put("split", "test");
        data.put("skipped", 0);
        Path file = dir.resolve("evaluation.json");
        Files.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));

        GenderEvaluationFile read = GenderEvaluationFile.read(file);
        assertEquals("test-classifier", read.classifier());
        assertEquals(new GenderEvaluationFile.Predictions(2L, 1L, 0L), read.confusion().female());
        assertEquals(new GenderEvaluationFile.Predictions(0L, 3L, 1L), read.confusion().male());
        assertEquals(new GenderEvaluationFile.EvaluatedData("/data/utkface", "test"), read.data());
    }

    @Test
    void dataMayBeTextOrMissingAndTheUnknownColumnOptional() throws IOException {
        String counts = "\"confusion\": {\"female\": {\"female\": 3, \"male\": 1}, \"male\": {\"female\": 1, \"male\": 3}}";
        Path text = dir.resolve("text.json");
        Files.writeString(text, "{\"classifier\": \"x\", " + counts + ", \"data\": \"400 UTKFace test photos\"}");
        assertEquals(new GenderEvaluationFile.EvaluatedData("", ""), GenderEvaluationFile.read(text).data());
        Path missing = dir.resolve("missing.json");
        Files.writeString(missing, "{\"classifier\": \"x\", " + counts + "}");
        GenderEvaluationFile read = GenderEvaluationFile.read(missing);
        assertEquals(new GenderEvaluationFile.EvaluatedData("", ""), read.data());
        assertNull(read.confusion().female().unknown());
    }

    /** A count written as text or with a fraction is refused, naming the field, not guessed at. */
    @Test
    void countsMustBeWholeNumbers() throws IOException {
        for (String bad : List.of("\"3\"", "2.5", "true")) {
            Path file = dir.resolve("bad.json");
            Files.writeString(file, "{\"classifier\": \"x\", \"confusion\": {\"female\": {\"female\": 3, \"male\": 1},"
                    + " \"male\": {\"female\": " + bad + ", \"male\": 3}}}");
            FaceCensusException e = assertThrows(FaceCensusException.class, () -> GenderEvaluationFile.read(file));
            assertTrue(e.getMessage().contains("confusion.male.female") && e.getMessage().contains(file.toString()),
                    e.getMessage());
        }
    }
}
