package org.facecensus.detectors.opencv;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.facecensus.FaceCensus;
import org.facecensus.FaceCensusException;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.Detections;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.FaceDetector;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelIntegrityException;
import org.facecensus.internal.ProviderManifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * opencv-haar against the {@code opencv_haar} peer (Debian OpenCV 4.6.0) on real photos: dlib's 12
 * example photos and 20 Caltech web faces. The reference is {@code opencv/haar_reference.jsonl}. The
 * Java side runs bytedeco's OpenCV 4.13.0 on pixels decoded by FaceCensus' ImageLoader (identical
 * to the peer's libjpeg-turbo decode on all 32 files).
 */
class HaarCascadeDetectorTest {
    private static HaarCascadeDetector detector;
    private static List<HaarReference.Image> reference;
    private static final Map<String, RgbImage> IMAGES = new HashMap<>();
    /** Serial results of the parity test, reused by the thread test. */
    private static final Map<String, List<DetectedFace>> SERIAL = new HashMap<>();

    @BeforeAll
    static void load() {
        // Single-threaded like the peer (cv::setNumThreads(1)); the result does not depend on it.
        detector = HaarCascadeDetector.builder().openCvThreads(1).build();
        reference = HaarReference.images();
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    private static synchronized RgbImage image(String relative) {
        return IMAGES.computeIfAbsent(relative, r -> ImageLoader.defaults().load(HaarReference.dataRoot().resolve(r)));
    }

    private static synchronized List<DetectedFace> serial(String file) {
        return SERIAL.computeIfAbsent(file, f -> detector.detect(image(f)).faces());
    }

    @Test
    void sameFacesBoxesAndNeighbourCountsAsThePeer() {
        int images = 0;
        int faces = 0;
        int identical = 0;
        double iouSum = 0;
        int sameScore = 0;
        List<String> bad = new ArrayList<>();
        for (HaarReference.Image ref : reference) {
            RgbImage img = image(ref.file());
            assertEquals(ref.width(), img.width(), ref.file());
            assertEquals(ref.height(), img.height(), ref.file());
            List<DetectedFace> got = new ArrayList<>(serial(ref.file()));
            images++;
            if (got.size() != ref.faces().size()) {
                bad.add(ref.file() + ": " + got.size() + " faces, peer " + ref.faces().size());
                continue;
            }
            for (HaarReference.Face want : ref.faces()) {
                FaceBox w = new FaceBox(want.x(), want.y(), want.w(), want.h(), want.neighbours());
                DetectedFace best = null;
                double bestIou = -1;
                for (DetectedFace g : got) {
                    double iou = g.box().iou(w);
                    if (iou > bestIou) {
                        bestIou = iou;
                        best = g;
                    }
                }
                got.remove(best);
                faces++;
                iouSum += bestIou;
                FaceBox b = best.box();
                identical += b.x() == w.x() && b.y() == w.y() && b.width() == w.width() && b.height() == w.height() ? 1 : 0;
                sameScore += b.score() == w.score() ? 1 : 0;
                if (bestIou < 0.99 || b.score() != w.score()) {
                    bad.add(ref.file() + ": peer " + want + " vs " + b + " IoU " + bestIou);
                }
            }
        }
        System.out.printf("opencv-haar vs opencv_haar peer: %d images, %d faces, identical boxes %d, mean IoU %.4f,"
                + " equal neighbour counts %d%n", images, faces, identical, iouSum / Math.max(1, faces), sameScore);
        assertEquals(32, images);
        assertTrue(faces >= 90, "reference faces: " + faces);
        assertTrue(bad.isEmpty(), "differences from the peer: " + bad);
        // Same cascade, same gray pixels, same algorithm: every rectangle should be OpenCV 4.6's.
        assertEquals(faces, identical);
    }

    @Test
    void eightThreadsOnOneInstanceGiveTheSerialResults() throws Exception {
        // The photos under 0.4 Mpx (the two largest take most of the time and add nothing here).
        List<String> files = new ArrayList<>();
        for (HaarReference.Image ref : reference) {
            if ((long) ref.width() * ref.height() < 400_000) {
                files.add(ref.file());
            }
        }
        Map<String, List<DetectedFace>> expected = new HashMap<>();
        for (String f : files) {
            expected.put(f, serial(f));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<DetectedFace>>> futures = new ArrayList<>();
            for (String f : files) {
                RgbImage img = image(f);
                futures.add(pool.submit(() -> detector.detect(img).faces()));
            }
            for (int i = 0; i < files.size(); i++) {
                assertEquals(expected.get(files.get(i)), futures.get(i).get(), files.get(i));
            }
        } finally {
            pool.shutdown();
        }
        assertTrue(files.size() >= 25, "images: " + files.size());
    }

    @Test
    void timingsProvenanceAndParameters() {
        Detections d = detector.detect(image("webfaces/images/pic00068.jpg"));
        assertEquals(List.of("gray", "detect"), List.copyOf(d.timings().asMap().keySet()));
        ModelInfo m = detector.models().get(0);
        assertEquals("haarcascade_frontalface_default", m.name());
        assertEquals("4.13.0", m.version());
        assertEquals("0f7d4527844eb514d4a4948e822da90fbb16a34a0bbbbc6adc6498747a5aafb0", m.sha256());
        assertEquals("maven org.bytedeco:opencv:4.13.0-1.5.13:jar:linux-x86_64"
                + " org/bytedeco/opencv/linux-x86_64/share/opencv4/haarcascades/haarcascade_frontalface_default.xml",
                m.source());
        // The pinned digest is the one of the file on the classpath.
        assertEquals(m.sha256(), org.facecensus.io.Sha256.hex(HaarCascadeDetector.readVerified(HaarCascade.FRONTALFACE_DEFAULT)));
        assertEquals(5, detector.parameters().get("minNeighbors"));
        assertEquals(1.1, detector.parameters().get("scaleFactor"));
        assertEquals(1, detector.parameters().get("openCvThreads"));
        // Scores are neighbour counts: integers, at least minNeighbors + 1, in descending order.
        double last = Double.MAX_VALUE;
        for (DetectedFace f : d.faces()) {
            assertTrue(f.box().score() >= 6 && f.box().score() == Math.rint(f.box().score()));
            assertTrue(f.box().score() <= last);
            last = f.box().score();
        }
    }

    @Test
    void closeIsIdempotentAndDetectAfterCloseThrows() {
        HaarCascadeDetector d = HaarCascadeDetector.builder().build();
        RgbImage img = image("webfaces/images/pic00574.jpg");
        assertEquals(1, d.detect(img).faces().size());
        d.close();
        assertDoesNotThrow(d::close);
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> d.detect(img));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        // Never used: closing frees nothing and still works twice.
        HaarCascadeDetector unused = HaarCascadeDetector.builder().build();
        unused.close();
        unused.close();
    }

    @Test
    void providerIsFoundByNameWithOptions() {
        try (FaceDetector d = FaceCensus.detector("opencv-haar")) {
            assertEquals("opencv-haar", d.name());
            assertEquals(List.of(HaarCascade.FRONTALFACE_DEFAULT.info()), d.models());
        }
        HaarCascadeDetector big = HaarCascadeDetector.builder().minSize(60).minScore(30).build();
        try (big) {
            for (DetectedFace f : big.detect(image("dlib-faces/2008_007676.jpg")).faces()) {
                assertTrue(f.box().width() >= 60 && f.box().score() >= 30, f.toString());
            }
        }
    }

    @Test
    void aCascadeWithAnotherDigestOrMissingIsRefused() {
        ClassLoader cl = getClass().getClassLoader();
        String path = HaarCascade.FRONTALFACE_DEFAULT.resourcePath();
        ModelIntegrityException e = assertThrows(ModelIntegrityException.class,
                () -> HaarCascadeDetector.readVerified(path, HaarCascade.FRONTALFACE_ALT.sha256(), cl));
        assertTrue(e.getMessage().contains("0f7d4527844eb514") && e.getMessage().contains("4.13.0-1.5.13"), e.getMessage());
        FaceCensusException missing = assertThrows(FaceCensusException.class,
                () -> HaarCascadeDetector.readVerified(path + ".gone", "0", cl));
        assertTrue(missing.getMessage().contains("org.bytedeco:opencv:4.13.0-1.5.13:jar:linux-x86_64"), missing.getMessage());
    }

    @Test
    void otherCascadesAndBadSettings() {
        assertEquals(HaarCascade.FRONTALFACE_ALT2, HaarCascade.byName("haarcascade_frontalface_alt2.xml"));
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> HaarCascade.byName("eyes"));
        assertTrue(e.getMessage().contains("haarcascade_frontalface_default"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HaarCascadeDetector.builder().scaleFactor(1.0));
        try (HaarCascadeDetector alt = HaarCascadeDetector.builder().cascade(HaarCascade.FRONTALFACE_ALT2).build()) {
            assertEquals(1, alt.detect(image("webfaces/images/pic00068.jpg")).faces().size());
        }
    }

    @Test
    void manifestListsExactlyTheRegisteredDetector() {
        ProviderManifest.verifyModule(HaarCascadeProvider.class);
        assertTrue(new HaarCascadeProvider().measuredRecall().isPresent(), "opencv-haar carries its webfaces figures");
    }
}
