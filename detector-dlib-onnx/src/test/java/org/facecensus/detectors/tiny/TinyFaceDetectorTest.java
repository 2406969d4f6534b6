package org.facecensus.detectors.tiny;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;


import org.facecensus.FaceCensusException;
import org.facecensus.detectors.faceapi.FaceApiReference;
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

    @BeforeAll
    static void open() {
        detector = new TinyFaceDetector(ModelStore.defaultStore(), ExecutionDevice.CPU);
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    static List<FaceApiReference.DetectionImage> reference() {
        return FaceApiReference.detections("/faceapi/faceapi_tiny_reference.jsonl");
    }

    @Test
    void sameFacesAsFaceApiOnRealPhotos() throws IOException {
        FaceApiReference.assertSameFaces("tiny-face", detector, reference());
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
