package org.facecensus.detectors.faceapi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.Detections;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.FaceDetector;
import org.facecensus.detectors.SharedData;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;

/**
 * The face-api peer's reference files ({@code faceapi/*_reference.jsonl}): what it printed for real
 * photos, one image per line after a first line with the provenance (command and versions).
 * classifier-vggface's face-api tests use it too, through this module's test jar.
 */
public final class FaceApiReference {
    private FaceApiReference() {
    }

    private static final Map<String, RgbImage> IMAGES = new HashMap<>();

    /** One face the peer found: its SSD box, landmarks, aligned box and age/gender. */
    public record Face(String source, FaceBox box, double[][] landmarks, FaceBox alignedBox, double age, String gender,
                double genderProbability) {
    }

    /** The image records of a reference file on the test classpath, provenance line skipped. */
    public static List<JsonNode> records(String resource) {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                FaceApiReference.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            in.readLine(); // provenance
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) {
                    out.add(json.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A shared photo, loaded once per test run (the reference faces come several to an image). */
    public static synchronized RgbImage image(String relative) {
        return IMAGES.computeIfAbsent(relative, r -> ImageLoader.defaults().load(SharedData.root().resolve(r)));
    }

    /** The faces of {@code faceapi_ssd_reference.jsonl}: the peer's whole pipeline, face by face. */
    public static List<Face> faces() {
        List<Face> out = new ArrayList<>();
        for (JsonNode image : records("/faceapi/faceapi_ssd_reference.jsonl")) {
            for (JsonNode f : image.get("faces")) {
                double[][] lm = new double[68][];
                for (int i = 0; i < 68; i++) {
                    lm[i] = new double[] {f.get("landmarks").get(i).get(0).asDouble(),
                            f.get("landmarks").get(i).get(1).asDouble()};
                }
                out.add(new Face(image.get("source").asText(), box(f.get("box"), f.get("score").asDouble()), lm,
                        box(f.get("aligned_box"), 1), f.get("age").asDouble(), f.get("gender").asText(),
                        f.get("genderProbability").asDouble()));
            }
        }
        return out;
    }

    /** One image of a detector reference file and the faces the peer found in it. */
    public record DetectionImage(String source, List<FaceBox> faces) {
    }

    /** The images of a detector reference file (SSD or Tiny). */
    public static List<DetectionImage> detections(String resource) {
        List<DetectionImage> out = new ArrayList<>();
        for (JsonNode img : records(resource)) {
            List<FaceBox> faces = new ArrayList<>();
            for (JsonNode f : img.get("faces")) {
                faces.add(box(f.get("box"), f.get("score").asDouble()));
            }
            out.add(new DetectionImage(img.get("source").asText(), faces));
        }
        return out;
    }

    /**
     * The detector finds the peer's faces on every reference image: the same number, each matching
     * one of the peer's with box IoU ≥ 0.99 and a score within 0.01, and its stages timed. Prints the
     * figures under {@code label}.
     */
    public static void assertSameFaces(String label, FaceDetector detector, List<DetectionImage> ref) throws IOException {
        int total = 0;
        int found = 0;
        int matched = 0;
        double sumIou = 0;
        double minIou = 1;
        double maxScoreDiff = 0;
        double detectMs = 0;
        List<String> bad = new ArrayList<>();
        for (DetectionImage want : ref) {
            RgbImage img = ImageLoader.defaults().load(SharedData.root().resolve(want.source()));
            detector.detect(img); // warm-up (first use converts and opens the session)
            long t0 = System.nanoTime();
            Detections got = detector.detect(img);
            detectMs += (System.nanoTime() - t0) / 1e6;
            total += want.faces().size();
            found += got.faces().size();
            if (got.faces().size() != want.faces().size()) {
                bad.add(want.source() + ": " + got.faces().size() + " faces, face-api " + want.faces().size());
            }
            List<FaceBox> left = new ArrayList<>(want.faces());
            for (DetectedFace f : got.faces()) {
                FaceBox best = null;
                double bestIou = 0;
                for (FaceBox w : left) {
                    double iou = f.box().iou(w);
                    if (iou > bestIou) {
                        bestIou = iou;
                        best = w;
                    }
                }
                if (best == null || bestIou < 0.3) {
                    bad.add(want.source() + ": unmatched " + f.box());
                    continue;
                }
                left.remove(best);
                matched++;
                sumIou += bestIou;
                minIou = Math.min(minIou, bestIou);
                double diff = Math.abs(f.box().score() - best.score());
                maxScoreDiff = Math.max(maxScoreDiff, diff);
                if (bestIou < 0.99 || diff > 0.01) {
                    bad.add(want.source() + ": " + f.box() + " vs " + best + " IoU " + bestIou);
                }
            }
            for (String stage : List.of("preprocess", "inference", "postprocess")) {
                assertTrue(got.timings().asMap().containsKey(stage), stage + " timed");
            }
        }
        System.out.printf("%s vs face-api on %d images: %d faces (face-api %d), matched %d, IoU mean %.5f"
                        + " min %.5f, max score diff %.2e; warm detect %.1f ms/image (CPU, test run)%n", label, ref.size(),
                found, total, matched, sumIou / Math.max(1, matched), minIou, maxScoreDiff, detectMs / ref.size());
        assertTrue(bad.isEmpty(), String.join("\n", bad));
        assertEquals(total, matched);
    }

    /** A peer box {@code [x, y, w, h]} with the given score. */
    public static FaceBox box(JsonNode b, double score) {
        return new FaceBox(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble(), score);
    }
}
