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
        try {
            Map<String, Entry> entries = new LinkedHashMap<>();
            boolean fresh = true;
            if (Files.exists(file)) {
                byte[] bytes = Files.readAllBytes(file);
                int end = lastNewline(bytes);
                if (end >= 0) {
                    fresh = false;
                    String text = new String(bytes, 0, end + 1, StandardCharsets.UTF_8);
                    String[] lines = text.split("\n");
                    checkSettings(file, JSON.readTree(lines[0]), settings);
                    for (int i = 1; i < lines.length; i++) {
                        Entry entry = parse(lines[i]);
                        entries.put(entry.item().itemId(), entry); // a later line supersedes an earlier one
                    }
                    if (end + 1 < bytes.length) {
                        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                            c.truncate(end + 1);
                            c.force(true);
                        }
                    }
                }
            }
            FileChannel channel;
            if (fresh) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                ObjectNode header = JSON.createObjectNode();
                header.put("journal", FORMAT);
                header.set("settings", JSON.valueToTree(settings));
                write(channel, header);
            } else {
                channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            return new Journal(file, channel, entries);
        } catch (JsonProcessingException e) {
            throw new FaceCensusException("the run journal " + file + " is damaged (" + e.getOriginalMessage()
                    + "); delete it to start the run over", e);
        } catch (IOException e) {
            throw new FaceCensusException("cannot open the run journal " + file + ": " + e.getMessage(), e);
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
            face.put("crop", f.cropPath()).put("error", f.error());
        }
        line.put("error", item.error()).put("problem", item.problem());
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
        String itemId = n.path("item").asText();
        List<FaceRecord> faces = new ArrayList<>();
        int index = 0;
        for (JsonNode f : n.path("faces")) {
            faces.add(new FaceRecord(itemId, index++, f.path("x").asDouble(), f.path("y").asDouble(),
                    f.path("w").asDouble(), f.path("h").asDouble(), f.path("score").asDouble(),
                    Gender.valueOf(f.path("gender").asText()), f.has("p") ? f.get("p").asDouble() : Double.NaN,
                    f.path("crop").asText(), f.path("error").asText()));
        }
        List<ModelInfo> models = new ArrayList<>();
        for (JsonNode m : n.path("models")) {
            models.add(JSON.treeToValue(m, ModelInfo.class));
        }
        return new Entry(new ItemRecord(itemId, n.path("file").asText(), null, faces, n.path("error").asText(),
                n.path("problem").asText()), models);
    }
}
