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
 * what it means now. The latest line for a face wins; {@link #undo} appends an {@link Label#UNDO} line
 * that takes back the last label, so nothing is ever rewritten and a crash loses at most the line being
 * written. Every append is forced to disk before it returns.
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

    private final Path file;
    private final FileChannel channel;
    private final Function<FaceKey, Optional<String>> cropHashes;
    private final List<String> warnings = new ArrayList<>();
    /** Per face, its labels not yet undone, latest last. */
    private final Map<FaceKey, Deque<LabelEntry>> history = new HashMap<>();
    /** Every label not yet undone, latest first: what undo takes back. */
    private final Deque<LabelEntry> undoable = new ArrayDeque<>();
    private boolean needsNewline;
    private boolean closed;

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
                Optional<LabelEntry> entry = parse(line);
                if (entry.isEmpty()) {
                    warn(file + " line " + number + " is damaged (a write cut off?) and is skipped: " + abbreviate(line));
                } else if (!entry.get().cropSha256().equals(cropHashes.apply(entry.get().face()).orElse(null))) {
                    warn(file + " line " + number + ": face " + entry.get().face()
                            + " is not in the census or its crop changed since it was labelled; the label is ignored.");
                } else {
                    apply(entry.get());
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

    private static Optional<LabelEntry> parse(String line) {
        try {
            JsonNode o = JSON.readTree(line);
            FaceKey face = new FaceKey(o.get("item_id").asText(), o.get("face_index").intValue());
            Optional<Label> label = Label.parse(o.get("label").asText());
            Optional<CardStream> stream = CardStream.parse(o.get("stream").asText());
            if (label.isEmpty() || stream.isEmpty() || !o.get("face_index").isInt()) {
                return Optional.empty();
            }
            return Optional.of(new LabelEntry(face, o.path("crop_sha256").asText(""), label.get(), stream.get(),
                    Instant.parse(o.get("time").asText())));
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String line(LabelEntry e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("item_id", e.face().itemId()).put("face_index", e.face().faceIndex()).put("crop_sha256", e.cropSha256())
                .put("label", e.label().word()).put("stream", e.stream().word()).put("time", e.time().toString());
        return o.toString() + "\n";
    }

    private void apply(LabelEntry entry) {
        if (entry.label() == Label.UNDO) {
            LabelEntry last = undoable.peekFirst();
            if (last == null || !last.face().equals(entry.face())) {
                warn("an undo for " + entry.face() + " does not match the last label; it is ignored.");
                return;
            }
            undoable.removeFirst();
            Deque<LabelEntry> faceHistory = history.get(entry.face());
            faceHistory.removeLast();
            if (faceHistory.isEmpty()) {
                history.remove(entry.face());
            }
            return;
        }
        undoable.addFirst(entry);
        history.computeIfAbsent(entry.face(), k -> new ArrayDeque<>()).addLast(entry);
    }

    /**
     * Appends labels in one write, forced to disk, and applies them. Nothing is written when any entry
     * is an undo or names a face the census lacks.
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
        StringBuilder text = new StringBuilder();
        entries.forEach(e -> text.append(line(e)));
        write(text.toString());
        entries.forEach(this::apply);
    }

    /** Takes back the last label not yet undone, by appending an undo line; empty when there is none. */
    public synchronized Optional<LabelEntry> undo(Instant time) {
        LabelEntry last = undoable.peekFirst();
        if (last == null) {
            return Optional.empty();
        }
        LabelEntry undo = new LabelEntry(last.face(), last.cropSha256(), Label.UNDO, last.stream(), time);
        write(line(undo));
        apply(undo);
        return Optional.of(last);
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
