package org.facecensus.label;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.facecensus.FaceCensusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The labels of one census: an append-only {@code labels.jsonl}, one {@link LabelEntry} per line, and
 * what it means now. The latest line for a face wins. Each {@link #append} is one <em>batch</em> (one
 * key on the page: one face, or a whole grid), its lines marked with the same {@code batch} number;
 * {@link #undo} takes back the last batch by appending one {@link Label#UNDO} line per label, latest
 * first, so nothing is ever rewritten and a crash loses at most the line being written (an undo cut
 * off half-way leaves the rest of its batch for the next undo). Lines written before batches were
 * numbered are a batch each. Every append is forced to disk before it returns.
 *
 * <p>On opening, a line that cannot be read (the end of a log cut off by {@code kill -9}) is skipped
 * with a warning and the lines around it are kept; a label whose face is no longer in the census, or
 * whose crop changed since (the census was run again), is ignored as stale.
 *
 * <p>Thread-safety: thread-safe; appends and reads are serialised on this store, so labels sent at
 * once from two browser tabs are all kept, in some order.
 */
public final class LabelStore implements AutoCloseable {
    /** The log's file name inside the census folder. */
    public static final String FILE_NAME = "labels.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(LabelStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The batch of a line written before batches were numbered: a batch of its own. */
    private static final long NO_BATCH = -1;

    private final Path file;
    private final FileChannel channel;
    private final Function<FaceKey, Optional<String>> cropHashes;
    private final List<String> warnings = new ArrayList<>();
    /** Per face, its labels not yet undone, latest last. */
    private final Map<FaceKey, Deque<LabelEntry>> history = new HashMap<>();
    /** Every label not yet undone, by batch, latest batch first: undo takes back the whole first one. */
    private final Deque<Batch> undoable = new ArrayDeque<>();
    /** The number of the next batch: one more than any in the log. */
    private long nextBatch;
    private boolean needsNewline;
    private boolean closed;

    /** A line of the log: an entry and its batch number, {@link #NO_BATCH} for lines older than batches. */
    private record Line(LabelEntry entry, long batch) {
    }

    /** The labels one append wrote and no undo has taken back yet, in the order written. */
    private record Batch(long number, Deque<LabelEntry> entries) {
    }

    private LabelStore(Path file, FileChannel channel, Function<FaceKey, Optional<String>> cropHashes) {
        this.file = file;
        this.channel = channel;
        this.cropHashes = cropHashes;
    }

    /** Opens (or creates) the log of this census, {@code <census>/labels.jsonl}. */
    public static LabelStore open(CensusFolder census) {
        return open(census.dir().resolve(FILE_NAME), key -> census.face(key).map(CensusFace::cropSha256));
    }

    /**
     * Opens (or creates) a log.
     *
     * @param file       the {@code labels.jsonl} file
     * @param cropHashes the current crop sha256 of each face of the census; empty for a face it lacks
     */
    public static LabelStore open(Path file, Function<FaceKey, Optional<String>> cropHashes) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            LabelStore store = new LabelStore(file, channel, cropHashes);
            store.replay();
            return store;
        } catch (IOException e) {
            throw new FaceCensusException("Cannot open the label log " + file + ": " + e.getMessage()
                    + "; check that the census folder is writable.", e);
        }
    }

    private void replay() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        needsNewline = bytes.length > 0 && bytes[bytes.length - 1] != '\n';
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                Optional<Line> parsed = parse(line);
                if (parsed.isEmpty()) {
                    warn(file + " line " + number + " is damaged (a write cut off?) and is skipped: " + abbreviate(line));
                    continue;
                }
                // Stale lines count too: batch numbers stay unique in the file, not only among the labels kept.
                nextBatch = Math.max(nextBatch, parsed.get().batch() + 1);
                LabelEntry entry = parsed.get().entry();
                if (!entry.cropSha256().equals(cropHashes.apply(entry.face()).orElse(null))) {
                    warn(file + " line " + number + ": face " + entry.face()
                            + " is not in the census or its crop changed since it was labelled; the label is ignored.");
                } else {
                    apply(parsed.get());
                }
            }
        }
    }

    private void warn(String message) {
        warnings.add(message);
        LOG.warn(message);
    }

    private static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }

    private static Optional<Line> parse(String line) {
        try {
            JsonNode o = JSON.readTree(line);
            FaceKey face = new FaceKey(o.get("item_id").asText(), o.get("face_index").intValue());
            Optional<Label> label = Label.parse(o.get("label").asText());
            Optional<CardStream> stream = CardStream.parse(o.get("stream").asText());
            if (label.isEmpty() || stream.isEmpty() || !o.get("face_index").isInt()) {
                return Optional.empty();
            }
            JsonNode b = o.path("batch");
            long batch = b.isIntegralNumber() && b.canConvertToLong() && b.longValue() >= 0 ? b.longValue() : NO_BATCH;
            return Optional.of(new Line(new LabelEntry(face, o.path("crop_sha256").asText(""), label.get(), stream.get(),
                    Instant.parse(o.get("time").asText())), batch));
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String line(Line line) {
        LabelEntry e = line.entry();
        ObjectNode o = JSON.createObjectNode();
        o.put("item_id", e.face().itemId()).put("face_index", e.face().faceIndex()).put("crop_sha256", e.cropSha256())
                .put("label", e.label().word()).put("stream", e.stream().word()).put("time", e.time().toString());
        if (line.batch() != NO_BATCH) {
            o.put("batch", line.batch());
        }
        return o.toString() + "\n";
    }

    private void apply(Line line) {
        LabelEntry entry = line.entry();
        Batch top = undoable.peekFirst();
        if (entry.label() == Label.UNDO) {
            LabelEntry last = top == null ? null : top.entries().peekLast();
            if (last == null || !last.face().equals(entry.face())) {
                warn("an undo for " + entry.face() + " does not match the last label; it is ignored.");
                return;
            }
            top.entries().removeLast();
            if (top.entries().isEmpty()) {
                undoable.removeFirst();
            }
            Deque<LabelEntry> faceHistory = history.get(entry.face());
            faceHistory.removeLast();
            if (faceHistory.isEmpty()) {
                history.remove(entry.face());
            }
            return;
        }
        // One append writes its batch in one piece, so its lines follow each other in the log.
        if (top == null || line.batch() == NO_BATCH || top.number() != line.batch()) {
            top = new Batch(line.batch(), new ArrayDeque<>());
            undoable.addFirst(top);
        }
        top.entries().addLast(entry);
        history.computeIfAbsent(entry.face(), k -> new ArrayDeque<>()).addLast(entry);
    }

    /**
     * Appends labels as one batch in one write, forced to disk, and applies them. Nothing is written
     * when any entry is an undo or names a face the census lacks, nor for an empty list.
     *
     * @throws FaceCensusException when the file cannot be written (nothing is applied then)
     */
    public synchronized void append(List<LabelEntry> entries) {
        for (LabelEntry e : entries) {
            if (e.label() == Label.UNDO) {
                throw new IllegalArgumentException("undo is written by undo(), not appended as a label");
            }
            if (!e.cropSha256().equals(cropHashes.apply(e.face()).orElse(null))) {
                throw new IllegalArgumentException("face " + e.face() + " is not in the census or has another crop");
            }
        }
        if (entries.isEmpty()) {
            return;
        }
        // Taken before writing: a write that fails half-way must not share its number with the next batch.
        long batch = nextBatch++;
        List<Line> lines = entries.stream().map(e -> new Line(e, batch)).toList();
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(line(l)));
        write(text.toString());
        lines.forEach(this::apply);
    }

    /**
     * Takes back the last batch not yet undone (every label of the last {@link #append}, or what an
     * earlier undo cut off half-way left of it), by appending one undo line per label in one write.
     *
     * @return the labels taken back, in the order they were written; empty when there is none
     * @throws FaceCensusException when the file cannot be written (nothing is applied then)
     */
    public synchronized List<LabelEntry> undo(Instant time) {
        Batch last = undoable.peekFirst();
        if (last == null) {
            return List.of();
        }
        List<LabelEntry> taken = List.copyOf(last.entries());
        // Latest first: each undo line then matches the last label still standing, also when replayed.
        List<Line> undos = new ArrayList<>();
        for (int i = taken.size() - 1; i >= 0; i--) {
            LabelEntry e = taken.get(i);
            undos.add(new Line(new LabelEntry(e.face(), e.cropSha256(), Label.UNDO, e.stream(), time), last.number()));
        }
        StringBuilder text = new StringBuilder();
        undos.forEach(u -> text.append(line(u)));
        write(text.toString());
        undos.forEach(this::apply);
        return taken;
    }

    private void write(String text) {
        if (closed) {
            throw new FaceCensusException("The label log " + file + " is closed; start 'facecensus label' again.");
        }
        ByteBuffer buffer = StandardCharsets.UTF_8.encode((needsNewline ? "\n" : "") + text);
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            // force(true): the file's new length is metadata, and a label the API confirmed must survive power loss.
            channel.force(true);
            needsNewline = false;
        } catch (IOException e) {
            // A part of the text may be on disk: start the next write on a fresh line, so only this one is damaged.
            needsNewline = true;
            throw new FaceCensusException("Cannot write to the label log " + file + ": " + e.getMessage()
                    + "; check the disk space and that the census folder is writable.", e);
        }
    }

    /** The current label of a face (the latest one not undone); empty when it has none. */
    public synchronized Optional<LabelEntry> current(FaceKey face) {
        Deque<LabelEntry> faceHistory = history.get(face);
        return faceHistory == null ? Optional.empty() : Optional.of(faceHistory.peekLast());
    }

    /** Every face's current label, by face, in no particular order (a copy). */
    public synchronized Map<FaceKey, LabelEntry> currentLabels() {
        Map<FaceKey, LabelEntry> labels = new LinkedHashMap<>();
        history.forEach((face, entries) -> labels.put(face, entries.peekLast()));
        return labels;
    }

    /** What was skipped when the log was opened (damaged or stale lines), one message each. */
    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The log file. */
    public Path file() {
        return file;
    }

    /** Closes the file; later appends fail. Closing twice does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw new FaceCensusException("Cannot close the label log " + file + ": " + e.getMessage(), e);
        }
    }
}
