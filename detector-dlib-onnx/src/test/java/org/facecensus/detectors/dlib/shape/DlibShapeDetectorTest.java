package org.facecensus.detectors.dlib.shape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.facecensus.FaceCensus;
import org.facecensus.FaceCensusException;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.LandmarkDetector;
import org.facecensus.detect.LandmarkScheme;
import org.facecensus.detect.Landmarks;
import org.facecensus.detect.Point;
import org.facecensus.detectors.SharedData;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelMissingException;
import org.facecensus.model.ModelStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dlib-68 against dlib itself: the landmarks the dlib peer printed for the same rectangles on real
 * photos (dlib's example photos and Caltech web faces). Needs the model:
 * {@code facecensus models fetch dlib-shape-predictor-68}.
 */
class DlibShapeDetectorTest {
    private static final double MAX_NME = 0.005;
    private static DlibShapeDetector detector;
    private static List<ShapeReference.Face> reference;
    private static final Map<String, RgbImage> IMAGES = new HashMap<>();

    @BeforeAll
    static void load() {
        detector = DlibShapeDetector.builder().build();
        long t0 = System.nanoTime();
        detector.predictor();
        System.out.printf("dlib-68 model loaded in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        reference = ShapeReference.faces();
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    private static synchronized RgbImage image(String relative) {
        return IMAGES.computeIfAbsent(relative, r -> ImageLoader.defaults().load(SharedData.root().resolve(r)));
    }

    private static FaceBox box(ShapeReference.Face f) {
        // The peer's inclusive rectangle as a FaceBox: width = right - left + 1.
        return new FaceBox(f.left(), f.top(), f.right() - f.left() + 1, f.bottom() - f.top() + 1, 1);
    }

    @Test
    void landmarksEqualDlibsOnTheSameRectangles() {
        int faces = 0;
        int points = 0;
        int identical = 0;
        double maxPixel = 0;
        double nmeSum = 0;
        double nmeMax = 0;
        List<String> bad = new ArrayList<>();
        for (ShapeReference.Face f : reference) {
            Landmarks got = detector.locate(image(f.file()), box(f));
            long[] want = f.points();
            double err = 0;
            for (int i = 0; i < 68; i++) {
                Point p = got.points().get(i);
                double d = Math.hypot(p.x() - want[2 * i], p.y() - want[2 * i + 1]);
                err += d;
                maxPixel = Math.max(maxPixel, d);
                identical += d == 0 ? 1 : 0;
                points++;
            }
            double eyes = Math.hypot(want[72] - want[90], want[73] - want[91]);
            double nme = err / 68 / eyes;
            nmeSum += nme;
            nmeMax = Math.max(nmeMax, nme);
            if (nme > MAX_NME) {
                bad.add(f.file() + " " + f.left() + "," + f.top() + " NME " + nme);
            }
            faces++;
        }
        System.out.printf("dlib-68 vs dlib: %d faces, NME mean %.6f max %.6f, identical points %d/%d (%.2f %%),"
                + " max point difference %.1f px%n", faces, nmeSum / faces, nmeMax, identical, points,
                100.0 * identical / points, maxPixel);
        assertTrue(faces >= 80, "reference faces: " + faces);
        assertTrue(bad.isEmpty(), "faces with NME > " + MAX_NME + ": " + bad);
        assertTrue(nmeSum / faces <= MAX_NME);
        // The port is operation for operation; with the same pixels every point should be dlib's.
        assertTrue(identical >= 0.99 * points, identical + " of " + points + " points identical");
    }

    @Test
    void exactRectangleOverloadAndFaceBoxAgree() {
        ShapeReference.Face f = reference.get(0);
        RgbImage img = image(f.file());
        assertEquals(detector.locate(img, f.left(), f.top(), f.right(), f.bottom()), detector.locate(img, box(f)));
        double[] exact = detector.predictor().predictExact(img, f.left(), f.top(), f.right(), f.bottom());
        long[] rounded = detector.predictor().predict(img, f.left(), f.top(), f.right(), f.bottom());
        for (int i = 0; i < exact.length; i++) {
            assertEquals(Math.floor(exact[i] + 0.5), rounded[i]);
        }
    }

    @Test
    void eightThreadsOnOneInstanceGiveTheSerialResults() throws Exception {
        List<ShapeReference.Face> faces = reference.subList(0, Math.min(40, reference.size()));
        List<Landmarks> serial = new ArrayList<>();
        for (ShapeReference.Face f : faces) {
            serial.add(detector.locate(image(f.file()), box(f)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Landmarks>>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int shift = t;
                runs.add(pool.submit(() -> {
                    // Each thread walks the faces from a different start, so threads overlap on different faces.
                    Landmarks[] out = new Landmarks[faces.size()];
                    for (int k = 0; k < faces.size(); k++) {
                        int i = (k + shift * 5) % faces.size();
                        out[i] = detector.locate(image(faces.get(i).file()), box(faces.get(i)));
                    }
                    return List.of(out);
                }));
            }
            for (Future<List<Landmarks>> run : runs) {
                assertEquals(serial, run.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void foundThroughServiceLoader() {
        try (LandmarkDetector d = FaceCensus.landmarkDetector("dlib-68")) {
            assertEquals("dlib-68", d.name());
            assertEquals(LandmarkScheme.IBUG_68, d.scheme());
            assertEquals("dlib-shape-predictor-68", d.models().get(0).name());
            assertTrue(d.models().get(0).licence().contains("non-commercial"));
        }
    }

    @Test
    void missingModelNamesTheFetchCommand(@TempDir Path empty) {
        try (DlibShapeDetector d = DlibShapeDetector.builder().modelStore(new ModelStore(empty)).build()) {
            ShapeReference.Face f = reference.get(0);
            ModelMissingException e = assertThrows(ModelMissingException.class,
                    () -> d.locate(image(f.file()), box(f)));
            assertTrue(e.getMessage().contains("facecensus models fetch dlib-shape-predictor-68"), e.getMessage());
        }
    }

    @Test
    void truncatedOrForeignFilesAreRejectedWithAClearError(@TempDir Path dir) throws Exception {
        Path model = ModelStore.defaultStore().require(DlibShapeDetector.MODEL_68);
        byte[] head = new byte[4096];
        try (var in = Files.newInputStream(model)) {
            assertEquals(head.length, in.readNBytes(head, 0, head.length));
        }
        FaceCensusException truncated = assertThrows(FaceCensusException.class,
                () -> ShapePredictorModel.parse(ByteBuffer.wrap(head), "head.dat"));
        assertTrue(truncated.getMessage().contains("head.dat"), truncated.getMessage());
        Path jpeg = SharedData.root().resolve(reference.get(0).file());
        FaceCensusException foreign = assertThrows(FaceCensusException.class, () -> ShapePredictorModel.load(jpeg));
        assertTrue(foreign.getMessage().contains("not a dlib shape_predictor"), foreign.getMessage());
    }

    @Test
    void closedDetectorSaysSo() {
        DlibShapeDetector d = DlibShapeDetector.builder().build();
        d.close();
        d.close();
        ShapeReference.Face f = reference.get(0);
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> d.locate(image(f.file()), box(f)));
        assertTrue(e.getMessage().contains("closed"));
    }

    @Test
    void referenceRectanglesRoundTripThroughFaceBox() {
        for (ShapeReference.Face f : reference) {
            assertArrayEquals(new long[] {f.left(), f.top(), f.right(), f.bottom()},
                    new long[] {Math.round(box(f).x()), Math.round(box(f).y()),
                            Math.round(box(f).x() + box(f).width()) - 1, Math.round(box(f).y() + box(f).height()) - 1});
        }
    }
}
