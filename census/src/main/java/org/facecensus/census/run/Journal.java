package org.facecensus.census.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.facecensus.FaceCensusException;
import org.facecensus.census.FaceRecord;
import org.facecensus.census.ItemRecord;
import org.facecensus.classify.Gender;
import org.facecensus.model.ModelInfo;

/**
 * The append-only record of analysed items that makes a census run resumable. Line 1 holds the
 * settings; every later line one finished item, written after its crops and forced to disk before
 * the next item is counted as done. A line cut short by a crash (kill -9, power loss) is dropped on
 * reopening and that item analysed again.
 *
 * <p>Thread-safety: {@link #append} is thread-safe.
 */
final class Journal implements AutoCloseable {
    static final String FORMAT = "facecensus-census-journal/1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Journal.class);

    /** A finished item as the journal keeps it: no metadata (that is joined again at the end). */
    record Entry(ItemRecord item, List<ModelInfo> models) {
    }

    private final Path file;
    private final FileChannel channel;
    private final Map<String, Entry> entries;

    private Journal(Path file, FileChannel channel, Map<String, Entry> entries) {
        this.file = file;
        this.channel = channel;
        this.entries = entries;
    }

    /**
     * Opens the journal at {@code file}, creating it when absent.
     *
     * @throws FaceCensusException when it was written with other settings (the message names them)
     */
    static Journal open(Path file, Map<String, String> settings) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            // Two runs appending to one journal would interleave their lines; the lock is the operating
            // system's, so a killed run releases it.
            java.nio.channels.FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null; // held by this JVM: another run in the same process
            }
            if (lock == null) {
                throw new FaceCensusException("another facecensus analyze is writing to " + file.getParent()
                        + "; wait for it to finish (or stop it), or choose another --out folder");
            }
            byte[] bytes = readAll(channel);
            Map<String, Entry> entries = new LinkedHashMap<>();
            int end = lastNewline(bytes);
            if (end >= 0) {
                String text = new String(bytes, 0, end + 1, StandardCharsets.UTF_8);
                String[] lines = text.split("\n");
                checkSettings(file, JSON.readTree(lines[0]), settings);
                int damaged = 0;
                for (int i = 1; i < lines.length; i++) {
                    try {
                        Entry entry = parse(lines[i]);
                        entries.put(entry.item().itemId(), entry); // a later line supersedes an earlier one
                    } catch (JsonProcessingException | IllegalArgumentException e) {
                        damaged++; // its item is not counted as done, so it is analysed again
                    }
                }
                if (damaged > 0) {
                    LOG.warn("{}: {} damaged line(s) skipped; their images are analysed again", file, damaged);
                }
            }
            // A line cut short by a crash is dropped; its item is analysed again.
            channel.truncate(end + 1);
            channel.position(end + 1);
            if (end < 0) {
                ObjectNode header = JSON.createObjectNode();
                header.put("journal", FORMAT);
                header.set("settings", JSON.valueToTree(settings));
                write(channel, header);
            } else {
                channel.force(true);
            }
            return new Journal(file, channel, entries);
        } catch (JsonProcessingException e) {
            closeQuietly(channel);
            throw new FaceCensusException("the first line of the run journal " + file + " is damaged ("
                    + e.getOriginalMessage() + "); delete the journal to start the run over", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new FaceCensusException("cannot open the run journal " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * The items an earlier census finished, read without touching its journal (a run may still be appending:
     * its last, unfinished line is ignored).
     *
     * @param censusDir the output folder of an earlier {@code analyze}
     */
    static Map<String, Entry> readFinished(Path censusDir) {
        Path journal = censusDir.resolve("journal.jsonl");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(journal);
        } catch (IOException e) {
            throw new FaceCensusException("cannot read " + journal + " (" + e.getMessage() + "); give the output "
                    + "folder of an earlier 'facecensus analyze' run", e);
        }
        int end = lastNewline(bytes);
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (end < 0) {
            return entries;
        }
        String[] lines = new String(bytes, 0, end + 1, StandardCharsets.UTF_8).split("\n");
        for (int i = 1; i < lines.length; i++) {
            try {
                Entry entry = parse(lines[i]);
                entries.put(entry.item().itemId(), entry);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                LOG.warn("{}: line {} is damaged; its image is detected again", journal, i + 1);
            }
        }
        return entries;
    }

    private static byte[] readAll(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(channel.size()));
        channel.position(0);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // read until full
        }
        return buffer.array();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one reported
            }
        }
    }

    /** Items finished by earlier runs, by item id. */
    Map<String, Entry> entries() {
        return entries;
    }

    /** Records a finished item durably (forced to disk before returning). */
    synchronized void append(ItemRecord item, List<ModelInfo> models) {
        ObjectNode line = JSON.createObjectNode();
        line.put("item", item.itemId());
        line.put("file", item.file());
        ArrayNode faces = line.putArray("faces");
        for (FaceRecord f : item.faces()) {
            ObjectNode face = faces.addObject();
            face.put("x", f.x()).put("y", f.y()).put("w", f.width()).put("h", f.height()).put("score", f.score());
            face.put("gender", f.gender().name());
            if (!Double.isNaN(f.probability())) {
                face.put("p", f.probability());
            }
            if (!Double.isNaN(f.probabilityFace())) {
                face.put("pf", f.probabilityFace());
            }
            face.put("crop", f.cropPath()).put("error", f.error());
        }
        line.put("error", item.error()).put("problem", item.problem());
        if (item.rejectedFaces() > 0) {
            line.put("rejected", item.rejectedFaces());
        }
        if (item.hasImageSize()) {
            line.put("iw", item.imageWidth()).put("ih", item.imageHeight());
        }
        line.set("models", JSON.valueToTree(models));
        try {
            write(channel, line);
        } catch (IOException e) {
            throw new FaceCensusException("cannot write the run journal " + file + ": " + e.getMessage()
                    + "; check free disk space, then run the same command again to resume", e);
        }
        entries.put(item.itemId(), new Entry(item, List.copyOf(models)));
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new FaceCensusException("cannot close the run journal " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(FileChannel channel, JsonNode node) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap((JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void checkSettings(Path file, JsonNode header, Map<String, String> settings) {
        if (!FORMAT.equals(header.path("journal").asText())) {
            throw new FaceCensusException(file + " is not a census run journal (or an older format); "
                    + "use another --out folder or delete it");
        }
        List<String> differences = new ArrayList<>();
        JsonNode before = header.path("settings");
        for (Map.Entry<String, String> s : settings.entrySet()) {
            String old = before.path(s.getKey()).asText("");
            if (!old.equals(s.getValue())) {
                differences.add(s.getKey() + " was '" + old + "', now '" + s.getValue() + "'");
            }
        }
        for (Iterator<String> it = before.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!settings.containsKey(name)) {
                differences.add(name + " was '" + before.get(name).asText() + "', now not given");
            }
        }
        if (!differences.isEmpty()) {
            throw new FaceCensusException("the output folder holds an unfinished or finished run with other settings: "
                    + String.join("; ", differences) + ". Run again with the same arguments to resume, or choose "
                    + "another --out folder (or delete " + file + " to start over)");
        }
    }

    private static Entry parse(String line) throws JsonProcessingException {
        JsonNode n = JSON.readTree(line);
        // The tail of a damaged line can start with a value of its own (e.g. a number) that reads as JSON.
        if (!n.isObject() || !n.path("item").isTextual()) {
            throw new IllegalArgumentException("not a journal line");
        }
        String itemId = n.path("item").asText();
        List<FaceRecord> faces = new ArrayList<>();
        int index = 0;
        for (JsonNode f : n.path("faces")) {
            faces.add(new FaceRecord(itemId, index++, f.path("x").asDouble(), f.path("y").asDouble(),
                    f.path("w").asDouble(), f.path("h").asDouble(), f.path("score").asDouble(),
                    Gender.valueOf(f.path("gender").asText()), f.has("p") ? f.get("p").asDouble() : Double.NaN,
                    // Journals written before the verifier's probability was kept have no "pf": none.
                    f.has("pf") ? f.get("pf").asDouble() : Double.NaN, f.path("crop").asText(), f.path("error").asText()));
        }
        List<ModelInfo> models = new ArrayList<>();
        for (JsonNode m : n.path("models")) {
            models.add(JSON.treeToValue(m, ModelInfo.class));
        }
        return new Entry(new ItemRecord(itemId, n.path("file").asText(), null, faces, n.path("error").asText(),
                n.path("problem").asText(), n.path("rejected").asInt(0),
                // Journals written before image sizes were recorded have none: 0, unknown.
                n.path("iw").asInt(0), n.path("ih").asInt(0)), models);
    }
}
