package org.facecensus.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * The real photos in the shared data folder ({@code -Dfacecensus.shared}, set by surefire; else
 * {@code ../shared} next to the repository root). Tests derive every other format from these at test
 * time; nothing binary is committed. When the folder is absent (a user's machine) tests are skipped
 * with a message; on CI it is always there.
 */
public final class SharedData {
    /** A 360x480 colour JPEG without EXIF data: portrait, so a 90° rotation is visible in the size. */
    public static final String PORTRAIT_JPEG = "data/dlib-faces/2008_001009.jpg";
    /** A 500x375 colour JPEG. */
    public static final String LANDSCAPE_JPEG = "data/dlib-faces/2007_007763.jpg";

    private SharedData() {
    }

    public static Path root() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("facecensus.shared");
        if (property != null && !property.isBlank() && !property.contains("${")) {
            candidates.add(Path.of(property));
        }
        // Repository root is the parent of the module folder surefire runs in.
        candidates.add(Path.of("..", "..", "shared"));
        candidates.add(Path.of("..", "shared"));
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate.resolve("data"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        Assumptions.abort("Shared test data not found (tried " + candidates
                + "); set -Dfacecensus.shared=/path/to/shared to run the image tests");
        throw new AssertionError("unreachable");
    }

    /** A file under the shared folder, e.g. {@code data/dlib-faces/dogs.jpg}; skips if absent. */
    public static Path file(String relative) {
        Path file = root().resolve(relative);
        assertTrue(Files.isRegularFile(file), "shared data file missing: " + file);
        return file;
    }

    /** The first {@code limit} {@code .jpg} files of a shared folder, by name. */
    public static List<Path> jpegs(String relativeDir, int limit) {
        try (Stream<Path> files = Files.list(root().resolve(relativeDir))) {
            List<Path> list = files.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".jpg"))
                    .sorted().limit(limit).toList();
            assertTrue(!list.isEmpty(), "no JPEG files in " + relativeDir);
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Real 1-component (greyscale) JPEGs from the webfaces set, by name. */
    public static List<Path> grayscaleJpegs(int limit) {
        List<Path> gray = new ArrayList<>();
        for (Path p : jpegs("data/webfaces/images", Integer.MAX_VALUE)) {
            if (jpegComponents(readAll(p)) == 1) {
                gray.add(p);
                if (gray.size() == limit) {
                    break;
                }
            }
        }
        assertTrue(!gray.isEmpty(), "no greyscale JPEG found in webfaces");
        return gray;
    }

    public static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The component count of a JPEG's frame header (SOF0-SOF15 except DHT/JPG/DAC), -1 if none. */
    public static int jpegComponents(byte[] jpeg) {
        int i = 2;
        while (i + 9 < jpeg.length) {
            if ((jpeg[i] & 0xff) != 0xff) {
                return -1;
            }
            int marker = jpeg[i + 1] & 0xff;
            int length = (jpeg[i + 2] & 0xff) << 8 | (jpeg[i + 3] & 0xff);
            if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc) {
                return jpeg[i + 9] & 0xff;
            }
            i += 2 + length;
        }
        return -1;
    }
}
