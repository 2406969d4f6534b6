package org.facecensus.detectors.opencv;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * The {@code opencv_haar} peer's faces on real photos, from {@code opencv/haar_reference.jsonl} (its
 * first line records the exact command and the OpenCV build), and where those photos are.
 */
final class HaarReference {
    private static final Pattern LINE = Pattern.compile(
            "\\{\"file\":\"([^\"]+)\",\"width\":(\\d+),\"height\":(\\d+),\"faces\":\\[(.*)]}");
    private static final Pattern FACE = Pattern.compile("\\[(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)]");

    private HaarReference() {
    }

    /** One peer face: OpenCV's integer rectangle and its neighbour count. */
    record Face(int x, int y, int w, int h, int neighbours) {
    }

    /** One image: its path relative to the data folder, its size, and the peer's faces. */
    record Image(String file, int width, int height, List<Face> faces) {
    }

    static List<Image> images() {
        List<Image> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                HaarReference.class.getResourceAsStream("/opencv/haar_reference.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("{\"provenance\"")) {
                    continue;
                }
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    throw new IllegalStateException("bad reference line: " + line);
                }
                List<Face> faces = new ArrayList<>();
                Matcher f = FACE.matcher(m.group(4));
                while (f.find()) {
                    faces.add(new Face(Integer.parseInt(f.group(1)), Integer.parseInt(f.group(2)),
                            Integer.parseInt(f.group(3)), Integer.parseInt(f.group(4)), Integer.parseInt(f.group(5))));
                }
                out.add(new Image(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), faces));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** ../shared/data, read in place (never copied into the repository). */
    static Path dataRoot() {
        Path root = Path.of(System.getProperty("facecensus.shared", "../../shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("data"))) {
            if (System.getenv("CI") != null) {
                fail("The shared test data folder " + root + "/data is missing; CI must run beside it.");
            }
            Assumptions.abort("Shared test data not found at " + root + "/data (set -Dfacecensus.shared=DIR)");
        }
        return root.resolve("data");
    }
}
