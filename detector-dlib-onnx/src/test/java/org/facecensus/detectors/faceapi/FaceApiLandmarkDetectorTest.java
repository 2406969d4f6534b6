package org.facecensus.detectors.faceapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.facecensus.FaceCensus;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.LandmarkDetector;
import org.facecensus.detect.LandmarkScheme;
import org.facecensus.detect.Landmarks;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.faceapi.FaceApiCrop;
import org.facecensus.spi.inference.ExecutionDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * landmark68-net against face-api itself: on the SSD boxes the face-api peer found in 5 real photos
 * (34 faces), the landmarks must be face-api's, NME (mean point error over the outer-eye-corner
 * distance, as {@code ../shared/peers/compare.js}) at most 0.005 on every face. Needs the models:
 * {@code facecensus models fetch faceapi-landmark68-manifest faceapi-landmark68-weights}.
 */
class FaceApiLandmarkDetectorTest {
    private static final double MAX_NME = 0.005;
    private static FaceApiLandmarkDetector detector;

    @BeforeAll
    static void open() {
        detector = new FaceApiLandmarkDetector(ModelStore.defaultStore(), ExecutionDevice.CPU);
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    static double nme(Landmarks got, double[][] want) {
        double iod = Math.hypot(want[36][0] - want[45][0], want[36][1] - want[45][1]);
        double sum = 0;
        for (int i = 0; i < 68; i++) {
            sum += Math.hypot(got.points().get(i).x() - want[i][0], got.points().get(i).y() - want[i][1]);
        }
        return sum / 68 / iod;
    }

    @Test
    void landmarksEqualFaceApisOnItsOwnBoxes() {
        List<FaceApiReference.Face> faces = FaceApiReference.faces();
        Map<String, List<FaceApiReference.Face>> byImage = new LinkedHashMap<>();
        for (FaceApiReference.Face f : faces) {
            byImage.computeIfAbsent(f.source(), k -> new ArrayList<>()).add(f);
        }
        double sum = 0;
        double max = 0;
        double maxPixel = 0;
        long nanos = 0;
        List<String> bad = new ArrayList<>();
        for (var e : byImage.entrySet()) {
            RgbImage img = FaceApiReference.image(e.getKey());
            List<FaceBox> boxes = e.getValue().stream().map(FaceApiReference.Face::box).toList();
            long t0 = System.nanoTime();
            List<Landmarks> got = detector.locateAll(img, boxes);
            nanos += System.nanoTime() - t0;
            for (int i = 0; i < boxes.size(); i++) {
                double[][] want = e.getValue().get(i).landmarks();
                double nme = nme(got.get(i), want);
                for (int p = 0; p < 68; p++) {
                    maxPixel = Math.max(maxPixel, Math.hypot(got.get(i).points().get(p).x() - want[p][0],
                            got.get(i).points().get(p).y() - want[p][1]));
                }
                sum += nme;
                max = Math.max(max, nme);
                if (nme > MAX_NME) {
                    bad.add(e.getKey() + " face " + i + ": NME " + nme);
                }
            }
        }
        // Timing of a second, warm pass (the first includes the conversion and session start).
        long t1 = System.nanoTime();
        for (var e : byImage.entrySet()) {
            detector.locateAll(FaceApiReference.image(e.getKey()), e.getValue().stream().map(FaceApiReference.Face::box).toList());
        }
        double warm = (System.nanoTime() - t1) / 1e6 / faces.size();
        System.out.printf("landmark68-net vs face-api on %d faces (%d images): NME mean %.2e, max %.2e;"
                        + " max point error %.2e px; first pass %.1f ms/face, warm %.2f ms/face (batched, CPU)%n",
                faces.size(), byImage.size(), sum / faces.size(), max, maxPixel, nanos / 1e6 / faces.size(), warm);
        assertEquals(34, faces.size());
        assertTrue(bad.isEmpty(), "NME above " + MAX_NME + ": " + bad);
    }

    @Test
    void singleLocateEqualsBatchAndComesThroughTheRegistry() {
        FaceApiReference.Face f = FaceApiReference.faces().get(0);
        RgbImage img = FaceApiReference.image(f.source());
        try (LandmarkDetector viaName = FaceCensus.landmarkDetector(FaceApiLandmarkDetector.NAME)) {
            Landmarks one = viaName.locate(img, f.box());
            Landmarks batch = detector.locateAll(img, List.of(f.box(), f.box())).get(1);
            assertEquals(LandmarkScheme.IBUG_68, one.scheme());
            for (int i = 0; i < 68; i++) {
                assertEquals(batch.points().get(i).x(), one.points().get(i).x(), 1e-3);
                assertEquals(batch.points().get(i).y(), one.points().get(i).y(), 1e-3);
            }
            assertEquals("MIT", viaName.models().get(0).licence());
        }
    }

    @Test
    void boxesReachingOutOfTheImageAreClippedLikeFaceApi() {
        RgbImage img = RgbImage.of(50, 40, new byte[50 * 40 * 3]);
        FaceApiCrop c = FaceApiCrop.of(new FaceBox(-5.5, 30.7, 20.2, 30, 1), img.width(), img.height());
        // x: max(-5.5, 0) = 0, width min(14.7, 50) -> 14; y 30, height min(60.7 - 30.7, 40 - 30.7) = 9.3 -> 9
        assertEquals(new FaceApiCrop(0, 30, 14, 9), c);
        assertEquals(68, detector.locate(img, new FaceBox(-5.5, 30.7, 20.2, 30, 1)).points().size());
    }
}
