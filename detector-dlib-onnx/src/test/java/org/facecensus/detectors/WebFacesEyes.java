package org.facecensus.detectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceBox;

/**
 * webfaces' eye-point truth ({@code webfaces/faces.csv}) and a simplified {@code tools/eval-eyes.js}
 * (no one-to-one matching):
 * a detection hits a face when both marked eyes lie inside its box (edges included).
 */
public final class WebFacesEyes {
    private WebFacesEyes() {
    }

    /** One marked face: left and right eye. */
    public record Face(double lx, double ly, double rx, double ry) {
        public double eyeDistance() {
            return Math.hypot(lx - rx, ly - ry);
        }

        boolean inside(FaceBox b) {
            return in(b, lx, ly) && in(b, rx, ry);
        }

        private static boolean in(FaceBox b, double x, double y) {
            return x >= b.x() && x <= b.x() + b.width() && y >= b.y() && y <= b.y() + b.height();
        }
    }

    /** Relative path (e.g. {@code images/pic00068.jpg}) to its marked faces, in file order. */
    public static Map<String, List<Face>> truth() {
        Map<String, List<Face>> out = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(SharedData.root().resolve("webfaces/faces.csv"));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Face(Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Marked faces hit by some detection (eval-eyes.js: each face counted once). */
    public static List<Face> hits(List<Face> truth, List<DetectedFace> found) {
        List<Face> hit = new ArrayList<>();
        for (Face t : truth) {
            for (DetectedFace d : found) {
                if (t.inside(d.box())) {
                    hit.add(t);
                    break;
                }
            }
        }
        return hit;
    }

    /** Detections that contain no marked face's eyes. */
    public static int falsePositives(List<Face> truth, List<DetectedFace> found) {
        int fp = 0;
        for (DetectedFace d : found) {
            if (truth.stream().noneMatch(t -> t.inside(d.box()))) {
                fp++;
            }
        }
        return fp;
    }
}
