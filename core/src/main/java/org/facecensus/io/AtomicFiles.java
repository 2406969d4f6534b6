package org.facecensus.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that a reader sees either the old content or the whole new content, never half
 * a file: the content goes to a temporary file in the target's folder (so the move cannot cross a
 * file system), is forced to disk, and is then moved onto the target atomically. On failure the
 * temporary file is deleted and the target is left as it was.
 *
 * <p>The temporary file is {@code .<name>-<random>.tmp} and is created with the process's default
 * permissions, not with {@link Files#createTempFile}, which makes it readable by its owner only:
 * outputs such as CSV files and crops are meant to be shared like any other file the user writes.
 * A process killed mid-write can leave such a file behind; {@link #removeLeftovers} removes them.
 *
 * <p>Thread-safety: stateless and thread-safe. Concurrent writers of the same target each use their
 * own temporary file; the last move wins, and each result is a complete file.
 */
public final class AtomicFiles {
    private static final String TEMP_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} from what {@code writer} puts into a stream. The stream is buffered and
     * closed here. Missing parent folders are created.
     *
     * @param target the file to create or replace
     * @param writer writes the whole content
     * @throws IOException when the folder cannot be written, or the writer fails
     */
    public static void write(Path target, IOConsumer<? super OutputStream> writer) throws IOException {
        writeFile(target, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.WRITE))) {
                writer.accept(out);
            }
        });
    }

    /**
     * Writes {@code target} through a writer that wants a file name rather than a stream (ImageIO,
     * SQLite, native libraries). The writer gets an existing, empty temporary file beside
     * {@code target} and fills it; it is forced to disk and moved onto {@code target}.
     *
     * @param target the file to create or replace
     * @param writer fills the given file
     * @throws IOException when the folder cannot be written, or the writer fails
     */
    public static void writeFile(Path target, IOConsumer<? super Path> writer) throws IOException {
        Path tmp = newTempBeside(target);
        boolean moved = false;
        try {
            writer.accept(tmp);
            // A writer given a file name may not have synced it; do so before the rename publishes it.
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(false);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Writes {@code bytes} as the whole content of {@code target}.
     *
     * @param target the file to create or replace
     * @param bytes  the content
     * @throws IOException when the file cannot be written
     */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Writes {@code text} as UTF-8, the whole content of {@code target}.
     *
     * @param target the file to create or replace
     * @param text   the content
     * @throws IOException when the file cannot be written
     */
    public static void writeString(Path target, String text) throws IOException {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Deletes the temporary files that an interrupted write left in {@code dir}; other files are
     * left alone. Call it only when no other process is writing into {@code dir}. A leftover that
     * cannot be deleted is skipped: it is harmless, and the next clean-up tries again.
     *
     * @param dir a folder; nothing happens when it does not exist
     * @throws IOException when the folder cannot be listed
     */
    public static void removeLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                if (isTemp(p)) {
                    deleteQuietly(p);
                }
            }
        }
    }

    /**
     * Whether {@code file} is named like the temporary files this class writes.
     *
     * @param file any path
     * @return true for {@code .<name>-<random>.tmp}
     */
    public static boolean isTemp(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().startsWith(".") && name.toString().endsWith(TEMP_SUFFIX);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // harmless: the next removeLeftovers tries again
        }
    }

    private static Path newTempBeside(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        while (true) {
            Path tmp = target.resolveSibling("." + target.getFileName() + "-"
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + TEMP_SUFFIX);
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException taken) {
                // another writer drew the same name: draw again
            }
        }
    }
}
