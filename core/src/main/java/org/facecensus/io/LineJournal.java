package org.facecensus.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.facecensus.FaceCensusException;

/**
 * The file under a resumable run: an append-only text file of one header line (the run's settings) and one line
 * per finished piece of work, each forced to disk before the work counts as done. Reopening keeps every complete
 * line and drops a last line cut short by a crash (kill -9, power loss), so that piece of work is simply done
 * again; an operating-system file lock keeps a second run out while one is writing (a killed run releases it).
 * What the lines mean is the caller's: the census run journal and the dataset build journal are both this file.
 *
 * <p>Thread-safety: {@link #append} and {@link #close} are thread-safe; {@link #close} is idempotent.
 */
public final class LineJournal implements AutoCloseable {
    private final Path file;
    private final String what;
    private final FileChannel channel;
    private final String header;
    private final List<String> lines;
    private boolean closed;

    private LineJournal(Path file, String what, FileChannel channel, String header, List<String> lines) {
        this.file = file;
        this.what = what;
        this.channel = channel;
        this.header = header;
        this.lines = lines;
    }

    /**
     * Opens (creating when absent) and locks the journal at {@code file}, reads its complete lines and cuts off
     * an unfinished last line.
     *
     * @param what    what the file is, for messages (e.g. {@code "run journal"})
     * @param command the command that writes it, for the message when another run holds it (e.g.
     *                {@code "facecensus analyze"})
     * @throws FaceCensusException when another run holds the lock or the file cannot be read
     */
    public static LineJournal open(Path file, String what, String command) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this JVM: another run in the same process
            }
            if (lock == null) {
                throw new FaceCensusException("another " + command + " is writing to " + file.getParent()
                        + "; wait for it to finish (or stop it), or choose another --out folder");
            }
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(channel.size()));
            channel.position(0);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read until full
            }
            byte[] bytes = buffer.array();
            int end = lastNewline(bytes);
            List<String> all = complete(bytes, end);
            channel.truncate(end + 1);
            channel.position(end + 1);
            channel.force(true);
            String header = all.isEmpty() ? null : all.get(0);
            List<String> lines = all.isEmpty() ? List.of() : List.copyOf(all.subList(1, all.size()));
            return new LineJournal(file, what, channel, header, lines);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new FaceCensusException("cannot open the " + what + " " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * The complete lines of a journal, read without locking or changing it (a run may still be appending; its
     * unfinished last line is left out): the header first. Empty when the file holds no complete line.
     *
     * @throws IOException when the file cannot be read
     */
    public static List<String> readComplete(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return complete(bytes, lastNewline(bytes));
    }

    /** The header line of an existing journal; empty for a new (or empty) one, which wants {@link #append} first. */
    public Optional<String> header() {
        return Optional.ofNullable(header);
    }

    /** The complete lines after the header, in order, as found on opening. */
    public List<String> lines() {
        return lines;
    }

    /**
     * The lines after the header as the caller's entries, in order; a line the parser refuses (an
     * {@link IOException}, such as a JSON error, or an {@link IllegalArgumentException}) is counted as damaged and
     * left out, so its work is done again.
     */
    public <E> Parsed<E> parseLines(LineParser<E> parser) {
        List<E> entries = new ArrayList<>();
        int damaged = 0;
        for (String line : lines) {
            try {
                entries.add(parser.parse(line));
            } catch (IOException | IllegalArgumentException e) {
                damaged++;
            }
        }
        return new Parsed<>(List.copyOf(entries), damaged);
    }

    /**
     * Reads one journal line into the caller's entry.
     *
     * <p>Thread-safety: as the implementation.
     */
    @FunctionalInterface
    public interface LineParser<E> {
        E parse(String line) throws IOException;
    }

    /**
     * The entries of the lines that parsed, and how many did not.
     *
     * <p>Thread-safety: immutable.
     */
    public record Parsed<E>(List<E> entries, int damaged) {
    }

    /**
     * How a run's settings differ from those its journal was started with: {@code key was 'old', now 'new'} for
     * each changed or added key (in {@code now}'s order; an added key was {@code ''}), then {@code key was 'old',
     * now not given} for each dropped one. Empty when they are the same.
     */
    public static List<String> settingsDifferences(Map<String, String> before, Map<String, String> now) {
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, String> s : now.entrySet()) {
            String old = before.getOrDefault(s.getKey(), "");
            if (!old.equals(s.getValue())) {
                differences.add(s.getKey() + " was '" + old + "', now '" + s.getValue() + "'");
            }
        }
        before.forEach((name, old) -> {
            if (!now.containsKey(name)) {
                differences.add(name + " was '" + old + "', now not given");
            }
        });
        return differences;
    }

    /** The journal file. */
    public Path file() {
        return file;
    }

    /** Appends one line (no line breaks in it) and forces it to disk before returning. */
    public synchronized void append(String line) {
        if (line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a journal line cannot hold a line break");
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new FaceCensusException("cannot write the " + what + " " + file + ": " + e.getMessage()
                    + "; check free disk space, then run the same command again to resume", e);
        }
    }

    /** Releases the lock and closes the file; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw new FaceCensusException("cannot close the " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** Closes without reporting a failure: for a caller that is already failing for another reason. */
    public void closeQuietly() {
        try {
            close();
        } catch (RuntimeException ignored) {
            // the caller's own error is the one reported
        }
    }

    private static List<String> complete(byte[] bytes, int end) {
        List<String> out = new ArrayList<>();
        if (end < 0) {
            return out;
        }
        for (String line : new String(bytes, 0, end + 1, StandardCharsets.UTF_8).split("\n")) {
            out.add(line);
        }
        return out;
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
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
}
