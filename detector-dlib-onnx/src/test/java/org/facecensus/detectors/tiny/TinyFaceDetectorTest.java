package org.facecensus.detectors.tiny;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.facecensus.FaceCensusException;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.Detections;
import org.facecensus.detect.FaceBox;
import org.facecensus.detectors.SharedData;
import org.facecensus.detectors.faceapi.FaceApiReference;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.inference.ExecutionDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * tiny-face against the face-api peer on real photos: {@code faceapi/faceapi_tiny_reference.jsonl}
 * holds what {@code ../shared/peers/faceapi.js --detector tiny} (face-api 1.7.15, TF.js 4.22.0 WASM,
 * inputSize 416, scoreThreshold 0.5) printed for 5 dlib-faces photos, fed as lossless PNGs of
 * FaceCensus' own decode (provenance on the file's first line), so both sides see the same pixels.
 * Every image must give the same number of faces; each face must match one of face-api's with box
 * IoU ≥ 0.99 and a score within 0.01. Needs the models:
 * {@code facecensus models fetch faceapi-tiny-face-detector-manifest faceapi-tiny-face-detector-weights}.
 */
class TinyFaceDetectorTest {
    private static TinyFaceDetector detector;

    private record Image(String source, List<FaceBox> faces) {
    }

    @BeforeAll
    static void open() {
        detector = new TinyFaceDetector(ModelStore.defaultStore(), ExecutionDevice.CPU);
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    static List<Image> reference() {
        List<Image> out = new ArrayList<>();
        for (JsonNode img : FaceApiReference.records("/faceapi/faceapi_tiny_reference.jsonl")) {
            List<FaceBox> faces = new ArrayList<>();
            for (JsonNode f : img.get("faces")) {
                faces.add(FaceApiReference.box(f.get("box"), f.get("score").asDouble()));
            }
            out.add(new Image(img.get("source").asText(), faces));
        }
        return out;
    }

    @Test
    void sameFacesAsFaceApiOnRealPhotos() throws IOException {
        List<Image> ref = reference();
        int total = 0;
        int found = 0;
        int matched = 0;
        double sumIou = 0;
        double minIou = 1;
        double maxScoreDiff = 0;
        double detectMs = 0;
        List<String> bad = new ArrayList<>();
        for (Image want : ref) {
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
        System.out.printf("tiny-face vs face-api on %d images: %d faces (face-api %d), matched %d, IoU mean %.5f"
                        + " min %.5f, max score diff %.2e; warm detect %.1f ms/image (CPU, test run)%n", ref.size(),
                found, total, matched, sumIou / Math.max(1, matched), minIou, maxScoreDiff, detectMs / ref.size());
        assertTrue(bad.isEmpty(), String.join("\n", bad));
        assertEquals(total, matched);
    }

    @Test
    void nmsPicksTheHighestScoreAndDropsAboveFaceApisIou() {
        // [x, y, w, h]; IoU(a, b) = 0.6 > 0.4 drops b; IoU(a, c) = 1/3 keeps c.
        var a = new TinyFaceDecoder.Raw(new double[] {0, 0, 1, 1}, 0.9, 0, 0, 0);
        var b = new TinyFaceDecoder.Raw(new double[] {0, 0, 0.6, 1}, 0.8, 0, 0, 1);
        var c = new TinyFaceDecoder.Raw(new double[] {0.5, 0, 1, 1}, 0.7, 0, 0, 2);
        assertEquals(0.6, TinyFaceDecoder.iou(a.box(), b.box(), 416), 1e-9);
        assertEquals(List.of(a, c), TinyFaceDecoder.nms(List.of(c, b, a), 416));
    }

    @Test
    void comesThroughTheRegistryWithFaceApisDefaults() {
        try (var d = org.facecensus.FaceCensus.detector(TinyFaceDetector.NAME)) {
            assertEquals(TinyFaceDetector.NAME, d.name());
            assertEquals(416, d.parameters().get("inputSize"));
            assertEquals(0.5, d.parameters().get("scoreThreshold"));
            assertEquals("MIT", d.models().get(0).licence());
        }
    }

    @Test
    void closedDetectorRefusesAndOptionsAreChecked() {
        TinyFaceDetector d = new TinyFaceDetector(ModelStore.defaultStore(), ExecutionDevice.CPU);
        d.close();
        d.close();
        assertThrows(FaceCensusException.class, () -> d.detect(RgbImage.of(8, 8, new byte[8 * 8 * 3])));
        assertThrows(IllegalArgumentException.class,
                () -> new TinyFaceDetector(ModelStore.defaultStore(), ExecutionDevice.CPU, 400, 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> new TinyFaceDetector(ModelStore.defaultStore(), ExecutionDevice.CPU, 416, 1.0));
    }
}
