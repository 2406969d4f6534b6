package org.facecensus.label;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.facecensus.census.Census;

/**
 * A small real census for the tests: 5 People-Art images (4 poster illustrations, a photo) and 2
 * dlib group photos, copied from the shared data into a temporary collection, analysed once per JVM with the default pipeline;
 * each test gets its own copy of the census folder to write labels into.
 */
final class TestCensus {
    private static final List<String> IMAGES = List.of(
            "PosterArtRealism/robert-g-harris_girl-with-an-orchid.jpg",
            "PosterArtRealism/robert-g-harris_mccall-s-cover-1945.jpg",
            "PosterArtRealism/robert-g-harris_summer-bachelor-1950.jpg",
            "PosterArtRealism/robert-g-harris_the-cold-war-blonde-1959.jpg",
            "photo/000102.jpg");
    /** dlib's test photos of groups: many faces, so that a grid and the active stream have something to show. */
    private static final List<String> GROUP_PHOTOS = List.of("2008_002470.jpg", "2008_001322.jpg");
    private static Path built;

    private TestCensus() {
    }

    static Path shared() {
        String shared = System.getProperty("facecensus.shared");
        Path root = shared == null || shared.contains("${") ? Path.of("..", "..", "shared") : Path.of(shared);
        if (System.getenv("CI") == null) {
            assumeTrue(Files.isDirectory(root.resolve("data")), "shared data folder not found: " + root.toAbsolutePath());
        }
        return root.resolve("data");
    }

    /** The census folder, built on first use. */
    static synchronized Path census() {
        if (built == null) {
            try {
                Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "label-census");
                Path collection = Files.createDirectories(root.resolve("collection"));
                for (String image : IMAGES) {
                    Path source = shared().resolve("peopleart/JPEGImages").resolve(image);
                    Path target = collection.resolve(image);
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target);
                }
                for (String photo : GROUP_PHOTOS) {
                    Files.createDirectories(collection.resolve("groups"));
                    Files.copy(shared().resolve("dlib-faces").resolve(photo), collection.resolve("groups").resolve(photo));
                }
                Path out = root.resolve("census");
                Census.of(collection).out(out).threads(2).run();
                assertTrue(Files.isRegularFile(out.resolve("faces.csv")));
                built = out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return built;
    }

    /** A copy of the census folder in {@code dir} (labels written there stay with the test). */
    static Path copy(Path dir) {
        Path source = census();
        Path target = dir.resolve("census");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.toList()) {
                Path t = target.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else if (!f.getFileName().toString().equals(LabelStore.FILE_NAME)) {
                    Files.copy(f, t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
