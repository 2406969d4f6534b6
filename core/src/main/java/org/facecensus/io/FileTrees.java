package org.facecensus.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whole folder trees: removing one.
 *
 * <p>Thread-safety: stateless.
 */
public final class FileTrees {
    private FileTrees() {
    }

    /** Deletes {@code dir} and everything under it (symbolic links themselves, not their targets); null or absent is a no-op. */
    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + dir, e);
        }
    }
}
