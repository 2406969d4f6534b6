package org.facecensus.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.facecensus.FaceCensusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineJournalTest {
    @Test
    void aReopenedJournalKeepsItsCompleteLinesAndDropsACutOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("journal.jsonl");
        try (LineJournal j = LineJournal.open(file, "test journal", "test run")) {
            assertFalse(j.header().isPresent());
            assertTrue(j.lines().isEmpty());
            j.append("{\"settings\":1}");
            j.append("one");
            j.append("two");
        }
        // a crash in the middle of the next line
        Files.writeString(file, "thr", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals(List.of("{\"settings\":1}", "one", "two"), LineJournal.readComplete(file),
                "a reader that does not lock leaves the cut line out too");
        try (LineJournal j = LineJournal.open(file, "test journal", "test run")) {
            assertEquals("{\"settings\":1}", j.header().orElseThrow());
            assertEquals(List.of("one", "two"), j.lines());
            j.append("three");
        }
        assertEquals("{\"settings\":1}\none\ntwo\nthree\n", Files.readString(file), "the cut line is gone");
    }

    @Test
    void aSecondRunIsRefusedWhileOneHoldsTheJournal(@TempDir Path dir) {
        Path file = dir.resolve("journal.jsonl");
        try (LineJournal first = LineJournal.open(file, "test journal", "facecensus test")) {
            FaceCensusException e = assertThrows(FaceCensusException.class,
                    () -> LineJournal.open(file, "test journal", "facecensus test"));
            assertTrue(e.getMessage().startsWith("another facecensus test is writing to " + dir), e.getMessage());
            first.append("header");
        }
        try (LineJournal again = LineJournal.open(file, "test journal", "facecensus test")) {
            assertEquals("header", again.header().orElseThrow(), "closing released the lock");
        }
    }

    @Test
    void closeIsIdempotentAndLinesCannotHoldBreaks(@TempDir Path dir) {
        LineJournal j = LineJournal.open(dir.resolve("j"), "test journal", "test run");
        assertThrows(IllegalArgumentException.class, () -> j.append("two\nlines"));
        j.close();
        j.close();
    }

    @Test
    void linesThatDoNotParseAreCountedAndLeftOut(@TempDir Path dir) {
        Path file = dir.resolve("j");
        try (LineJournal j = LineJournal.open(file, "test journal", "test run")) {
            j.append("header");
            j.append("1");
            j.append("x");
            j.append("3");
        }
        try (LineJournal j = LineJournal.open(file, "test journal", "test run")) {
            LineJournal.Parsed<Integer> parsed = j.parseLines(Integer::valueOf);
            assertEquals(List.of(1, 3), parsed.entries());
            assertEquals(1, parsed.damaged());
        }
    }

    @Test
    void settingsDifferencesNameChangedAddedAndDroppedKeys() {
        java.util.Map<String, String> before = new java.util.LinkedHashMap<>();
        before.put("--detector", "blazeface");
        before.put("--threads", "2");
        before.put("--min-face", "12");
        java.util.Map<String, String> now = new java.util.LinkedHashMap<>();
        now.put("--detector", "dlib-hog");
        now.put("--threads", "2");
        now.put("--aligner", "similarity-5pt");
        assertEquals(List.of("--detector was 'blazeface', now 'dlib-hog'", "--aligner was '', now 'similarity-5pt'",
                "--min-face was '12', now not given"), LineJournal.settingsDifferences(before, now));
        assertTrue(LineJournal.settingsDifferences(now, now).isEmpty());
    }
}
