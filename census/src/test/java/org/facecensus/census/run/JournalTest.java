package org.facecensus.census.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.facecensus.FaceCensusException;
import org.facecensus.census.FaceRecord;
import org.facecensus.census.ItemRecord;
import org.facecensus.classify.Gender;
import org.facecensus.model.ModelInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    private static final Map<String, String> SETTINGS = Map.of("--detector", "blazeface");
    private static final ModelInfo MODEL = new ModelInfo("faceapi-agegender", "1.7.15", "test", "0".repeat(64), "MIT");

    @TempDir
    Path dir;

    private static ItemRecord item(String id, int faces) {
        List<FaceRecord> list = new java.util.ArrayList<>();
        for (int j = 0; j < faces; j++) {
            // The first face as a verifier kept it, the others as without one (no probability of a face).
            list.add(new FaceRecord(id, j, 10.25 + j, 20.5, 30.125, 30.125, 0.9375, Gender.FEMALE, 0.875,
                    j == 0 ? 0.8125 : Double.NaN, "crops/" + id + "_" + j + ".jpg", ""));
        }
        return new ItemRecord(id, id + ".jpg", null, list, "", "");
    }

    @Test
    void aLineCutShortByAKillIsDroppedAndTheRestKeptExactly() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        try (Journal journal = Journal.open(file, SETTINGS)) {
            journal.append(item("a", 2), List.of(MODEL));
            journal.append(item("b", 0), List.of());
        }
        byte[] whole = Files.readAllBytes(file);
        try (Journal journal = Journal.open(file, SETTINGS)) {
            journal.append(item("c", 1), List.of(MODEL));
        }
        byte[] withC = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(withC, whole.length + (withC.length - whole.length) / 2)); // torn

        try (Journal journal = Journal.open(file, SETTINGS)) {
            assertEquals(List.of("a", "b"), List.copyOf(journal.entries().keySet()));
            assertEquals(item("a", 2), journal.entries().get("a").item());
            assertEquals(0.8125, journal.entries().get("a").item().faces().get(0).probabilityFace());
            assertTrue(Double.isNaN(journal.entries().get("a").item().faces().get(1).probabilityFace()));
            assertEquals(List.of(MODEL), journal.entries().get("a").models());
            journal.append(item("c", 1), List.of(MODEL));
        }
        assertEquals(new String(withC, StandardCharsets.UTF_8), Files.readString(file));
    }

    @Test
    void verifierDropsSurviveAResumeAndAnotherRunReadsTheFacesWithoutLockingTheJournal() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        ItemRecord withDrops = new ItemRecord("a", "a.jpg", null, item("a", 1).faces(), "", "", 3);
        try (Journal journal = Journal.open(file, SETTINGS)) {
            journal.append(withDrops, List.of(MODEL));
            journal.append(item("b", 2), List.of());
            // A re-classifying run reads the finished items while this one still holds the journal.
            Map<String, Journal.Entry> finished = Journal.readFinished(dir);
            assertEquals(withDrops, finished.get("a").item());
            assertEquals(item("b", 2), finished.get("b").item());
        }
        try (Journal journal = Journal.open(file, SETTINGS)) {
            assertEquals(3, journal.entries().get("a").item().rejectedFaces());
            assertEquals(0, journal.entries().get("b").item().rejectedFaces());
        }
        FaceCensusException missing = assertThrows(FaceCensusException.class, () -> Journal.readFinished(dir.resolve("none")));
        assertTrue(missing.getMessage().contains("give the output folder of an earlier 'facecensus analyze' run"),
                missing.getMessage());
    }

    @Test
    void refusesOtherSettingsAndASecondWriter() {
        Path file = dir.resolve("journal.jsonl");
        try (Journal journal = Journal.open(file, SETTINGS)) {
            FaceCensusException busy = assertThrows(FaceCensusException.class, () -> Journal.open(file, SETTINGS));
            assertTrue(busy.getMessage().contains("another facecensus analyze is writing"), busy.getMessage());
        }
        FaceCensusException other = assertThrows(FaceCensusException.class,
                () -> Journal.open(file, Map.of("--detector", "dlib-hog")));
        assertTrue(other.getMessage().contains("--detector was 'blazeface', now 'dlib-hog'"), other.getMessage());
    }

    @Test
    void aDamagedLineInTheMiddleOnlyCostsItsItem() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        try (Journal journal = Journal.open(file, SETTINGS)) {
            journal.append(item("a", 1), List.of(MODEL));
            journal.append(item("b", 1), List.of(MODEL));
        }
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.set(1, lines.get(1).substring(lines.get(1).length() / 2));
        Files.write(file, lines);
        try (Journal journal = Journal.open(file, SETTINGS)) {
            assertEquals(List.of("b"), List.copyOf(journal.entries().keySet()));
        }
    }
}
