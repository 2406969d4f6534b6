package org.facecensus.census.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.facecensus.io.LineJournal;
import org.facecensus.model.ModelInfo;

/**
 * The append-only record of analysed items that makes a census run resumable. Line 1 holds the
 * settings; every later line one finished item, written after its crops and forced to disk before
 * the next item is counted as done. A line cut short by a crash (kill -9, power loss) is dropped on
 * reopening and that item analysed again. The file handling (lock, cut line, durable append) is core's
 * {@link LineJournal}; this class gives the lines their meaning.
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

    private final LineJournal lines;
    private final Map<String, Entry> entries;

    private Journal(LineJournal lines, Map<String, Entry> entries) {
        this.lines = lines;
        this.entries = entries;
    }

    /**
     * Opens the journal at {@code file}, creating it when absent.
     *
     * @throws FaceCensusException when it was written with other settings (the message names them)
     */
    static Journal open(Path file, Map<String, String> settings) {
        LineJournal journal = LineJournal.open(file, "run journal", "facecensus analyze");
        try {
            Map<String, Entry> entries = new LinkedHashMap<>();
            if (journal.header().isPresent()) {
                checkSettings(file, JSON.readTree(journal.header().get()), settings);
                LineJournal.Parsed<Entry> parsed = journal.parseLines(Journal::parse);
                // a later line supersedes an earlier one; a damaged line's item is not done, so it is analysed again
                parsed.entries().forEach(entry -> entries.put(entry.item().itemId(), entry));
                if (parsed.damaged() > 0) {
                    LOG.warn("{}: {} damaged line(s) skipped; their images are analysed again", file, parsed.damaged());
                }
            } else {
                ObjectNode header = JSON.createObjectNode();
                header.put("journal", FORMAT);
                header.set("settings", JSON.valueToTree(settings));
                journal.append(JSON.writeValueAsString(header));
            }
            return new Journal(journal, entries);
        } catch (JsonProcessingException e) {
            journal.closeQuietly();
            throw new FaceCensusException("the first line of the run journal " + file + " is damaged ("
                    + e.getOriginalMessage() + "); delete the journal to start the run over", e);
        } catch (RuntimeException e) {
            journal.closeQuietly();
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
        List<String> all;
        try {
            all = LineJournal.readComplete(journal);
        } catch (IOException e) {
            throw new FaceCensusException("cannot read " + journal + " (" + e.getMessage() + "); give the output "
                    + "folder of an earlier 'facecensus analyze' run", e);
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 1; i < all.size(); i++) {
            try {
                Entry entry = parse(all.get(i));
                entries.put(entry.item().itemId(), entry);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                LOG.warn("{}: line {} is damaged; its image is detected again", journal, i + 1);
            }
        }
        return entries;
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
        String text;
        try {
            text = JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new FaceCensusException("cannot write item " + item.itemId() + " to the run journal: " + e.getMessage(), e);
        }
        lines.append(text);
        entries.put(item.itemId(), new Entry(item, List.copyOf(models)));
    }

    @Override
    public synchronized void close() {
        lines.close();
    }

    private static void checkSettings(Path file, JsonNode header, Map<String, String> settings) {
        if (!FORMAT.equals(header.path("journal").asText())) {
            throw new FaceCensusException(file + " is not a census run journal (or an older format); "
                    + "use another --out folder or delete it");
        }
        List<String> differences = LineJournal.settingsDifferences(settingsOf(header), settings);
        if (!differences.isEmpty()) {
            throw new FaceCensusException("the output folder holds an unfinished or finished run with other settings: "
                    + String.join("; ", differences) + ". Run again with the same arguments to resume, or choose "
                    + "another --out folder (or delete " + file + " to start over)");
        }
    }

    /** The settings a journal's header holds, each as text. */
    static Map<String, String> settingsOf(JsonNode header) {
        Map<String, String> settings = new LinkedHashMap<>();
        header.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText("")));
        return settings;
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
