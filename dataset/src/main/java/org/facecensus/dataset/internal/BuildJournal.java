package org.facecensus.dataset.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.facecensus.FaceCensusException;
import org.facecensus.io.LineJournal;

/**
 * The append-only record of finished source items that makes {@code dataset build} resumable after kill -9, on
 * core's {@link LineJournal} as the census run journal is. Line 1 holds the settings; every later line one finished item, written
 * after its crops and forced to disk before the next item counts as done. A line cut short by a crash is dropped on
 * reopening and its item processed again; an OS file lock keeps two builds out of one folder.
 *
 * <p>Thread-safety: {@link #append} is thread-safe.
 */
public final class BuildJournal implements AutoCloseable {
    static final String FORMAT = "facecensus-dataset-journal/1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BuildJournal.class);

    private final LineJournal lines;
    private final Map<String, ItemResult> entries;

    private BuildJournal(LineJournal lines, Map<String, ItemResult> entries) {
        this.lines = lines;
        this.entries = entries;
    }

    /**
     * Opens the journal at {@code file}, creating it when absent.
     *
     * @throws FaceCensusException when another build holds it, or it was written with other settings
     */
    public static BuildJournal open(Path file, Map<String, String> settings) {
        LineJournal journal = LineJournal.open(file, "build journal", "facecensus dataset build");
        try {
            Map<String, ItemResult> entries = new LinkedHashMap<>();
            if (journal.header().isPresent()) {
                checkSettings(file, JSON.readTree(journal.header().get()), settings);
                LineJournal.Parsed<ItemResult> parsed = journal.parseLines(line -> JSON.readValue(line, ItemResult.class));
                parsed.entries().forEach(item -> entries.put(item.origin(), item));
                if (parsed.damaged() > 0) {
                    LOG.warn("{}: {} damaged line(s) skipped; their images are processed again", file, parsed.damaged());
                }
            } else {
                ObjectNode header = JSON.createObjectNode();
                header.put("journal", FORMAT);
                header.set("settings", JSON.valueToTree(settings));
                journal.append(JSON.writeValueAsString(header));
            }
            return new BuildJournal(journal, entries);
        } catch (JsonProcessingException e) {
            journal.closeQuietly();
            throw new FaceCensusException("the first line of the build journal " + file + " is damaged ("
                    + e.getOriginalMessage() + "); delete the journal to start the build over", e);
        } catch (RuntimeException e) {
            journal.closeQuietly();
            throw e;
        }
    }

    /** Items finished by earlier runs, by origin. */
    public synchronized Map<String, ItemResult> entries() {
        return new LinkedHashMap<>(entries);
    }

    /** Records a finished item durably (forced to disk before returning). */
    public synchronized void append(ItemResult item) {
        String text;
        try {
            text = JSON.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new FaceCensusException("cannot write " + item.origin() + " to the build journal: " + e.getMessage(), e);
        }
        lines.append(text);
        entries.put(item.origin(), item);
    }

    @Override
    public synchronized void close() {
        lines.close();
    }

    private static void checkSettings(Path file, JsonNode header, Map<String, String> settings) {
        if (!FORMAT.equals(header.path("journal").asText())) {
            throw new FaceCensusException(file + " is not a dataset build journal; use another --out folder or delete it");
        }
        Map<String, String> before = new LinkedHashMap<>();
        header.path("settings").fields().forEachRemaining(e -> before.put(e.getKey(), e.getValue().asText("")));
        List<String> differences = LineJournal.settingsDifferences(before, settings);
        if (!differences.isEmpty()) {
            throw new FaceCensusException("the output folder holds a build with other settings: "
                    + String.join("; ", differences) + ". Run again with the same arguments to resume, or choose "
                    + "another --out folder (or delete " + file + " to start over)");
        }
    }
}
