package org.facecensus.census;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared data folder ({@code -Dfacecensus.shared}, set by surefire). Tests skip only where it is
 * absent (a user's machine); nothing from it is copied into the repository.
 */
public final class SharedPhotos {
    private SharedPhotos() {
    }

    /** {@code data/<relative>} under the shared folder; skips the test when the folder is missing. */
    public static Path data(String relative) {
        String shared = System.getProperty("facecensus.shared");
        Path root = shared == null || shared.contains("${") ? Path.of("..", "..", "shared") : Path.of(shared);
        assumeTrue(Files.isDirectory(root.resolve("data")), "shared data folder not found: "
                + root.toAbsolutePath() + " (set -Dfacecensus.shared=/path/to/shared)");
        Path file = root.resolve("data").resolve(relative);
        assertTrue(Files.exists(file), "missing from the shared data: " + file);
        return file;
    }
}
