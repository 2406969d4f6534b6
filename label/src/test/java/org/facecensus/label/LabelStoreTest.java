package org.facecensus.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.facecensus.FaceCensusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** 1,000 faces a#0..a#999, the crop hash of face i is "h<i>". */
    private static final Function<FaceKey, Optional<String>> HASHES = k -> k.itemId().equals("a")
            && k.faceIndex() >= 0 && k.faceIndex() < 1000 ? Optional.of("h" + k.faceIndex()) : Optional.empty();

    @TempDir
    Path dir;

    private static LabelEntry entry(int face, Label label, CardStream stream) {
        return new LabelEntry(new FaceKey("a", face), "h" + face, label, stream, T0.plusSeconds(face));
    }

    private Path log() {
        return dir.resolve(LabelStore.FILE_NAME);
    }

    @Test
    void appendsUndoesAndTheLatestLabelWinsAlsoAfterReopening() throws Exception {
        try (LabelStore store = LabelStore.open(log(), HASHES)) {
            store.append(List.of(entry(1, Label.FEMALE, CardStream.AUDIT)));
            store.append(List.of(entry(2, Label.MALE, CardStream.ACTIVE), entry(1, Label.MALE, CardStream.ACTIVE)));
            assertEquals(Label.MALE, store.current(new FaceKey("a", 1)).orElseThrow().label());
            assertEquals(List.of(entry(2, Label.MALE, CardStream.ACTIVE), entry(1, Label.MALE, CardStream.ACTIVE)),
                    store.undo(T0), "undo takes back the whole last batch, in the order it was written");
            assertEquals(Label.FEMALE, store.current(new FaceKey("a", 1)).orElseThrow().label(), "undo brings back the earlier label");
            assertEquals(CardStream.AUDIT, store.current(new FaceKey("a", 1)).orElseThrow().stream());
            assertTrue(store.current(new FaceKey("a", 2)).isEmpty());
            assertEquals(List.of(entry(1, Label.FEMALE, CardStream.AUDIT)), store.undo(T0));
            assertTrue(store.currentLabels().isEmpty());
            assertTrue(store.undo(T0).isEmpty(), "nothing left to undo");
            store.append(List.of(entry(3, Label.NOT_A_FACE, CardStream.AUDIT)));
        }
        List<String> lines = Files.readAllLines(log());
        assertEquals(7, lines.size(), "undo is a line of its own; nothing is rewritten: " + lines);
        assertTrue(lines.get(3).contains("\"label\":\"undo\"") && lines.get(3).contains("\"item_id\":\"a\""), lines.get(3));
        assertTrue(lines.get(0).contains("\"batch\":0") && lines.get(1).contains("\"batch\":1")
                && lines.get(2).contains("\"batch\":1") && lines.get(6).contains("\"batch\":2"), lines.toString());
        assertTrue(lines.get(3).contains("\"face_index\":1") && lines.get(4).contains("\"face_index\":2"),
                "a batch is undone latest first: " + lines);
        try (LabelStore again = LabelStore.open(log(), HASHES)) {
            assertEquals(List.of(new FaceKey("a", 3)), List.copyOf(again.currentLabels().keySet()));
            assertEquals(entry(3, Label.NOT_A_FACE, CardStream.AUDIT), again.current(new FaceKey("a", 3)).orElseThrow());
            assertTrue(again.warnings().isEmpty(), again.warnings().toString());
        }
    }

    @Test
    void batchesSurviveReopeningAnUndoCutOffHalfWayLeavesTheRestAndOldLinesAreOneBatchEach() throws Exception {
        // Lines as written before batches were numbered: no "batch", each undone on its own.
        Files.writeString(log(), "{\"item_id\":\"a\",\"face_index\":1,\"crop_sha256\":\"h1\",\"label\":\"female\","
                + "\"stream\":\"audit\",\"time\":\"" + T0.plusSeconds(1) + "\"}\n"
                + "{\"item_id\":\"a\",\"face_index\":2,\"crop_sha256\":\"h2\",\"label\":\"male\","
                + "\"stream\":\"active\",\"time\":\"" + T0.plusSeconds(2) + "\"}\n");
        List<LabelEntry> grid = List.of(entry(3, Label.MALE, CardStream.AUDIT), entry(4, Label.MALE, CardStream.ACTIVE),
                entry(5, Label.MALE, CardStream.ACTIVE));
        try (LabelStore store = LabelStore.open(log(), HASHES)) {
            store.append(grid);
        }
        try (LabelStore store = LabelStore.open(log(), HASHES)) {
            assertEquals(grid, store.undo(T0), "the batch is known again after reopening");
            assertEquals(List.of(entry(2, Label.MALE, CardStream.ACTIVE)), store.undo(T0), "an old line is a batch of one");
            store.append(List.of(entry(6, Label.FEMALE, CardStream.ACTIVE), entry(7, Label.FEMALE, CardStream.ACTIVE)));
            store.undo(T0);
            assertEquals(List.of(new FaceKey("a", 1)), List.copyOf(store.currentLabels().keySet()));
            assertTrue(store.warnings().isEmpty(), store.warnings().toString());
        }
        // kill -9 during that undo's write: the undo line of face 7 is whole, that of face 6 cut off.
        String text = Files.readString(log());
        Files.writeString(log(), text.substring(0, text.length() - 20));
        try (LabelStore store = LabelStore.open(log(), HASHES)) {
            assertEquals(1, store.warnings().size(), store.warnings().toString());
            assertEquals(Label.FEMALE, store.current(new FaceKey("a", 6)).orElseThrow().label());
            assertTrue(store.current(new FaceKey("a", 7)).isEmpty());
            assertEquals(List.of(entry(6, Label.FEMALE, CardStream.ACTIVE)), store.undo(T0),
                    "the next undo takes back what is left of the batch");
            assertEquals(List.of(entry(1, Label.FEMALE, CardStream.AUDIT)), store.undo(T0));
            assertTrue(store.undo(T0).isEmpty());
        }
    }

    @Test
    void aDamagedLastLineIsSkippedWithAWarningAndTheNextLabelStartsOnANewLine() throws Exception {
        try (LabelStore store = LabelStore.open(log(), HASHES)) {
            store.append(List.of(entry(1, Label.FEMALE, CardStream.AUDIT), entry(2, Label.MALE, CardStream.AUDIT)));
        }
        // What kill -9 in the middle of a write leaves: half a line, no newline.
        Files.writeString(log(), "{\"item_id\":\"a\",\"face_index\":3,\"crop_sha", StandardOpenOption.APPEND);
        try (LabelStore store = LabelStore.open(log(), HASHES)) {
            assertEquals(2, store.currentLabels().size());
            assertEquals(1, store.warnings().size());
            assertTrue(store.warnings().get(0).contains("line 3") && store.warnings().get(0).contains("damaged"),
                    store.warnings().toString());
            store.append(List.of(entry(4, Label.UNKNOWN, CardStream.ACTIVE)));
        }
        try (LabelStore store = LabelStore.open(log(), HASHES)) {
            assertEquals(3, store.currentLabels().size());
            assertEquals(Label.UNKNOWN, store.current(new FaceKey("a", 4)).orElseThrow().label());
            assertEquals(1, store.warnings().size(), "only the cut-off line is lost");
        }
    }

    @Test
    void labelsOfFacesWhoseCropChangedAreIgnoredAsStale() throws Exception {
        try (LabelStore store = LabelStore.open(log(), HASHES)) {
            store.append(List.of(entry(1, Label.FEMALE, CardStream.AUDIT), entry(2, Label.MALE, CardStream.AUDIT)));
            assertThrows(IllegalArgumentException.class, () -> store.append(List.of(
                    entry(5, Label.MALE, CardStream.AUDIT), new LabelEntry(new FaceKey("b", 0), "x", Label.MALE,
                            CardStream.AUDIT, T0))));
        }
        assertEquals(2, Files.readAllLines(log()).size(), "a refused batch writes nothing");
        Function<FaceKey, Optional<String>> rerun = k -> k.faceIndex() == 2 ? Optional.of("new") : HASHES.apply(k);
        try (LabelStore store = LabelStore.open(log(), rerun)) {
            assertEquals(List.of(new FaceKey("a", 1)), List.copyOf(store.currentLabels().keySet()));
            assertTrue(store.warnings().get(0).contains("crop changed"), store.warnings().toString());
        }
    }

    @Test
    void eightThreadsAppendingAtOnceLoseNothing() throws Exception {
        int threads = 8;
        int perThread = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try (LabelStore store = LabelStore.open(log(), HASHES)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * perThread;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = first; i < first + perThread; i++) {
                        store.append(List.of(entry(i, i % 2 == 0 ? Label.FEMALE : Label.MALE, CardStream.AUDIT)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            assertEquals(threads * perThread, store.currentLabels().size());
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
        assertEquals(threads * perThread, lines.size());
        try (LabelStore store = LabelStore.open(log(), HASHES)) {
            assertEquals(threads * perThread, store.currentLabels().size());
            assertTrue(store.warnings().isEmpty(), "no interleaved, damaged lines: " + store.warnings());
        }
    }

    @Test
    void aClosedStoreRefusesToWriteAndClosingTwiceIsHarmless() {
        LabelStore store = LabelStore.open(log(), HASHES);
        store.close();
        store.close();
        assertThrows(FaceCensusException.class, () -> store.append(List.of(entry(1, Label.MALE, CardStream.AUDIT))));
    }
}
