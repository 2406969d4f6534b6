package org.facecensus.detectors;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

/** The real labelled photos in ../shared/data, read in place (never copied into the repository). */
public final class SharedData {
    private SharedData() {
    }

    public static Path root() {
        Path root = Path.of(System.getProperty("facecensus.shared", "../../shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("data"))) {
            if (System.getenv("CI") != null) {
                fail("The shared test data folder " + root + "/data is missing; CI must run beside it.");
            }
            Assumptions.abort("Shared test data not found at " + root + "/data (set -Dfacecensus.shared=DIR)");
        }
        return root.resolve("data");
    }

    /** A human-drawn face box from dlib's example photos. */
    public record Box(double x, double y, double w, double h) {
    }

    /** dlib-faces/face_boxes.csv: file name to its human-drawn boxes. */
    public static Map<String, List<Box>> dlibFaceBoxes() {
        Map<String, List<Box>> out = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(root().resolve("dlib-faces/face_boxes.csv"));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                out.computeIfAbsent(f[1], k -> new ArrayList<>()).add(new Box(Double.parseDouble(f[4]),
                        Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
