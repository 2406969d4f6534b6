package org.facecensus.dataset.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.facecensus.FaceCensusException;

/**
 * The append-only record of finished source items that makes {@code dataset build} resumable after kill -9; the
 * same design as the census run journal. Line 1 holds the settings; every later line one finished item, written
 * after its crops and forced to disk before the next item counts as done. A line cut short by a crash is dropped on
 * reopening and its item processed again; an OS file lock keeps two builds out of one folder.
 *
 * <p>Thread-safety: {@link #append} is thread-safe.
 */
public final class BuildJournal implements AutoCloseable {
    static final String FORMAT = "facecensus-dataset-journal/1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BuildJournal.class);

    private final Path file;
    private final FileChannel channel;
    private final Map<String, ItemResult> entries;
    private boolean closed;

    private BuildJournal(Path file, FileChannel channel, Map<String, ItemResult> entries) {
        this.file = file;
        this.channel = channel;
        this.entries = entries;
    }

    /**
     * Opens the journal at {@code file}, creating it when absent.
     *
     * @throws FaceCensusException when another build holds it, or it was written with other settings
     */
    public static BuildJournal open(Path file, Map<String, String> settings) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new FaceCensusException("another facecensus dataset build is writing to " + file.getParent()
                        + "; wait for it to finish (or stop it), or choose another --out folder");
            }
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(channel.size()));
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read all
            }
            byte[] bytes = buffer.array();
            int end = bytes.length - 1;
            while (end >= 0 && bytes[end] != '\n') {
                end--;
            }
            Map<String, ItemResult> entries = new LinkedHashMap<>();
            if (end >= 0) {
                String[] lines = new String(bytes, 0, end + 1, StandardCharsets.UTF_8).split("\n");
                checkSettings(file, JSON.readTree(lines[0]), settings);
                int damaged = 0;
                for (int i = 1; i < lines.length; i++) {
                    try {
                        ItemResult item = JSON.readValue(lines[i], ItemResult.class);
                        entries.put(item.origin(), item);
                    } catch (JsonProcessingException | IllegalArgumentException e) {
                        damaged++;
                    }
                }
                if (damaged > 0) {
                    LOG.warn("{}: {} damaged line(s) skipped; their images are processed again", file, damaged);
                }
            }
            // A line cut short by a crash is dropped; its item is processed again.
            channel.truncate(end + 1);
            channel.position(end + 1);
            if (end < 0) {
                ObjectNode header = JSON.createObjectNode();
                header.put("journal", FORMAT);
                header.set("settings", JSON.valueToTree(settings));
                write(channel, JSON.writeValueAsString(header));
            }
            return new BuildJournal(file, channel, entries);
        } catch (JsonProcessingException e) {
            closeQuietly(channel);
            throw new FaceCensusException("the first line of the build journal " + file + " is damaged ("
                    + e.getOriginalMessage() + "); delete the journal to start the build over", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new FaceCensusException("cannot open the build journal " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Items finished by earlier runs, by origin. */
    public synchronized Map<String, ItemResult> entries() {
        return new LinkedHashMap<>(entries);
    }

    /** Records a finished item durably (forced to disk before returning). */
    public synchronized void append(ItemResult item) {
        try {
            write(channel, JSON.writeValueAsString(item));
        } catch (IOException e) {
            throw new FaceCensusException("cannot write the build journal " + file + ": " + e.getMessage()
                    + "; check free disk space, then run the same command again to resume", e);
        }
        entries.put(item.origin(), item);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw new FaceCensusException("cannot close the build journal " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(FileChannel channel, String line) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
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

    private static void checkSettings(Path file, JsonNode header, Map<String, String> settings) {
        if (!FORMAT.equals(header.path("journal").asText())) {
            throw new FaceCensusException(file + " is not a dataset build journal; use another --out folder or delete it");
        }
        List<String> differences = new ArrayList<>();
        JsonNode before = header.path("settings");
        for (Map.Entry<String, String> s : settings.entrySet()) {
            String old = before.path(s.getKey()).asText("");
            if (!old.equals(s.getValue())) {
                differences.add(s.getKey() + " was '" + old + "', now '" + s.getValue() + "'");
            }
        }
        before.fieldNames().forEachRemaining(name -> {
            if (!settings.containsKey(name)) {
                differences.add(name + " was '" + before.get(name).asText() + "', now not given");
            }
        });
        if (!differences.isEmpty()) {
            throw new FaceCensusException("the output folder holds a build with other settings: "
                    + String.join("; ", differences) + ". Run again with the same arguments to resume, or choose "
                    + "another --out folder (or delete " + file + " to start over)");
        }
    }
}
