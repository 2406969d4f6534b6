package org.facecensus.detectors.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.facecensus.FaceCensus;
import org.facecensus.FaceCensusException;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.FaceDetector;
import org.facecensus.detectors.SharedData;
import org.facecensus.detectors.WebFacesEyes;
import org.facecensus.image.ImageLoader;
import org.junit.jupiter.api.Test;

/**
 * The {@code fused} detector: weighted box fusion's arithmetic, and the provider on the first 100 Caltech
 * webfaces photos, where it must find more marked faces than either member alone at their defaults with
 * fewer false positives than {@code ssd-mobilenet}. On all 982 faces (README) it measured 87.4 % recall at
 * 0.265 false positives per image, against 79.3 % / 0.165 (blazeface-full-range) and 88.7 % / 0.53
 * (ssd-mobilenet).
 */
class FusedDetectorTest {
    private static DetectedFace face(double x, double y, double w, double h, double score) {
        return new DetectedFace(new FaceBox(x, y, w, h, score), Optional.empty());
    }

    @Test
    void agreeingBoxesAreAveragedByScoreAndAFaceOneDetectorMissedHasHalfItsScore() {
        List<WeightedBoxFusion.Fused> fused = WeightedBoxFusion.fuse(List.of(
                List.of(face(10, 10, 20, 20, 0.9), face(100, 100, 10, 10, 0.8)),
                List.of(face(12, 12, 20, 20, 0.6))), 0.4);
        assertEquals(2, fused.size());
        WeightedBoxFusion.Fused both = fused.get(0);
        assertEquals(0.75, both.box().score(), 1e-12, "(0.9 + 0.6) / 2");
        assertEquals((10 * 0.9 + 12 * 0.6) / 1.5, both.box().x(), 1e-12);
        assertEquals(20, both.box().width(), 1e-12);
        assertEquals(2, both.agreeing());
        WeightedBoxFusion.Fused one = fused.get(1);
        assertEquals(0.4, one.box().score(), 1e-12, "0.8 from one of two detectors");
        assertEquals(1, one.agreeing());
    }

    @Test
    void needsTwoDetectorsAndSaneThresholds() {
        FaceDetector d = FaceCensus.detector("blazeface-front");
        try {
            assertThrows(FaceCensusException.class, () -> new FusedDetector("f", List.of(d), false, 0.4, 0.4));
            assertThrows(FaceCensusException.class, () -> new FusedDetector("f", List.of(d, d), false, 0, 0.4));
        } finally {
            d.close();
        }
    }

    @Test
    void findsMoreWebFacesThanEitherMemberWithFewerFalsePositivesThanSsd() {
        Map<String, List<WebFacesEyes.Face>> truth = WebFacesEyes.truth();
        int faces = 0;
        int hits = 0;
        int falsePositives = 0;
        int images = 0;
        try (FaceDetector fused = FaceCensus.detector("fused")) {
            assertEquals("fused", fused.name());
            assertEquals(List.of("blazeface-full-range", "ssd-mobilenet"), fused.parameters().get("members"));
            for (Map.Entry<String, List<WebFacesEyes.Face>> e : truth.entrySet().stream().limit(100).toList()) {
                List<DetectedFace> found = fused.detect(ImageLoader.defaults()
                        .load(SharedData.root().resolve("webfaces").resolve(e.getKey()))).faces();
                found.forEach(f -> assertTrue(f.box().score() >= FusedProvider.DEFAULT_MIN_SCORE));
                faces += e.getValue().size();
                hits += WebFacesEyes.hits(e.getValue(), found).size();
                falsePositives += WebFacesEyes.falsePositives(e.getValue(), found);
                images++;
            }
        }
        System.out.printf("fused on %d webfaces photos: %d of %d faces (%.1f %%), %.2f false positives per image%n",
                images, hits, faces, 100.0 * hits / faces, falsePositives / (double) images);
        assertTrue(hits >= 0.80 * faces, hits + " of " + faces);
        assertTrue(falsePositives <= 0.40 * images, falsePositives + " false positives in " + images + " images");
    }
}
