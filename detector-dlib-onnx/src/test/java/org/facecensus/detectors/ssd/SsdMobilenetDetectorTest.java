package org.facecensus.detectors.ssd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;


import org.facecensus.FaceCensusException;
import org.facecensus.detect.DetectedFace;
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

    @BeforeAll
    static void open() {
        detector = new SsdMobilenetDetector(ModelStore.defaultStore(), ExecutionDevice.CPU);
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    static List<FaceApiReference.DetectionImage> reference() {
        return FaceApiReference.detections("/faceapi/faceapi_ssd_reference.jsonl");
    }

    @Test
    void sameFacesAsFaceApiOnRealPhotos() throws IOException {
        FaceApiReference.assertSameFaces("ssd-mobilenet", detector, reference());
    }

    @Test
    void concurrentDetectionsAgree() throws Exception {
        FaceApiReference.DetectionImage first = reference().get(0);
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
