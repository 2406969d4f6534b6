package org.facecensus.detectors.ssd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
 * ssd-mobilenet against the face-api peer on real photos: {@code faceapi/faceapi_ssd_reference.jsonl}
 * holds what {@code ../shared/peers/faceapi.js --detector ssd} (face-api 1.7.15, TF.js 4.22.0 WASM,
 * minConfidence 0.5, maxResults 100) printed for 5 dlib-faces photos, fed as lossless PNGs of
 * FaceCensus' own decode (provenance on the file's first line), so both sides see the same pixels.
 * Every image must give the same number of faces; each face must match one of face-api's with box
 * IoU ≥ 0.99 and a score within 0.01. Needs the models:
 * {@code facecensus models fetch faceapi-ssd-mobilenetv1-manifest faceapi-ssd-mobilenetv1-weights}.
 */
class SsdMobilenetDetectorTest {
    private static SsdMobilenetDetector detector;

    private record Image(String source, List<FaceBox> faces) {
    }

    @BeforeAll
    static void open() {
        detector = new SsdMobilenetDetector(ModelStore.defaultStore(), ExecutionDevice.CPU);
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    static List<Image> reference() {
        List<Image> out = new ArrayList<>();
        for (JsonNode img : FaceApiReference.records("/faceapi/faceapi_ssd_reference.jsonl")) {
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
        System.out.printf("ssd-mobilenet vs face-api on %d images: %d faces (face-api %d), matched %d, IoU mean %.5f"
                        + " min %.5f, max score diff %.2e; warm detect %.1f ms/image (CPU, test run)%n", ref.size(),
                matched, total, matched, sumIou / Math.max(1, matched), minIou, maxScoreDiff, detectMs / ref.size());
        assertTrue(bad.isEmpty(), String.join("\n", bad));
        assertEquals(total, matched);
    }

    @Test
    void concurrentDetectionsAgree() throws Exception {
        Image first = reference().get(0);
        RgbImage img = ImageLoader.defaults().load(SharedData.root().resolve(first.source()));
        List<DetectedFace> once = detector.detect(img).faces();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<DetectedFace>>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit(() -> detector.detect(img).faces()));
            }
            for (Future<List<DetectedFace>> r : runs) {
                assertEquals(once, r.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void nmsKeepsFaceApisOrderAndThreshold() {
        // Boxes as [ymin, xmin, ymax, xmax]; IoU(a, b) = 0.6 > 0.5 suppresses b, IoU(a, c) = 1/3 keeps c.
        float[] a = {0, 0, 1, 1};
        float[] b = {0, 0, 1, 0.6f};
        float[] c = {0, 0.5f, 1, 1.5f};
        assertEquals(0.6, SsdDecoder.iou(a, b), 1e-6);
        assertEquals(1 / 3.0, SsdDecoder.iou(a, c), 1e-6);
        assertEquals(0, SsdDecoder.iou(a, new float[] {0, 0, 0, 1}));
    }

    @Test
    void comesThroughTheRegistryWithFaceApisDefaults() {
        try (var d = org.facecensus.FaceCensus.detector(SsdMobilenetDetector.NAME)) {
            assertEquals(SsdMobilenetDetector.NAME, d.name());
            assertEquals(0.5, d.parameters().get("minConfidence"));
            assertEquals(100, d.parameters().get("maxResults"));
            assertEquals("MIT", d.models().get(0).licence());
        }
    }

    @Test
    void closedDetectorRefuses() {
        SsdMobilenetDetector d = new SsdMobilenetDetector(ModelStore.defaultStore(), ExecutionDevice.CPU);
        d.close();
        d.close();
        assertThrows(FaceCensusException.class, () -> d.detect(RgbImage.of(8, 8, new byte[8 * 8 * 3])));
        assertThrows(IllegalArgumentException.class,
                () -> new SsdMobilenetDetector(ModelStore.defaultStore(), ExecutionDevice.CPU, 1.0, 100));
    }
}
