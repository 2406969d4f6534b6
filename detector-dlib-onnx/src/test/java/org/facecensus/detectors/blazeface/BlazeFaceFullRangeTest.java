package org.facecensus.detectors.blazeface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.facecensus.FaceCensus;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceDetector;
import org.facecensus.detect.LandmarkScheme;
import org.facecensus.detectors.SharedData;
import org.facecensus.detectors.WebFacesEyes;
import org.facecensus.image.ImageLoader;
import org.junit.jupiter.api.Test;

/**
 * {@code blazeface-full-range} (MediaPipe's full-range BlazeFace converted from the Human zoo's TF.js graph) on
 * the first 100 Caltech webfaces photos: recall against the marked eyes and false positives per image, with
 * six keypoints per face. The whole set (982 faces) measured 79.3 % recall at 0.165 false positives per image
 * with the defaults, and 92.0 % at 0.52 with {@code --min-face 10 --min-score 0.5} (README).
 */
class BlazeFaceFullRangeTest {
    @Test
    void findsMostMarkedFacesOnWebFacesWithFewFalsePositives() {
        Map<String, List<WebFacesEyes.Face>> truth = WebFacesEyes.truth();
        int faces = 0;
        int hits = 0;
        int falsePositives = 0;
        int images = 0;
        try (FaceDetector detector = FaceCensus.detector(BlazeFaceFullRangeProvider.NAME)) {
            assertEquals(List.of("blazeface-full-range"), detector.models().stream().map(m -> m.name()).toList());
            for (Map.Entry<String, List<WebFacesEyes.Face>> e : truth.entrySet().stream().limit(100).toList()) {
                List<DetectedFace> found = detector.detect(ImageLoader.defaults()
                        .load(SharedData.root().resolve("webfaces").resolve(e.getKey()))).faces();
                for (DetectedFace d : found) {
                    assertEquals(LandmarkScheme.BLAZEFACE_6, d.landmarks().orElseThrow().scheme());
                    assertTrue(d.box().score() >= BlazeFaceFullRangeProvider.MIN_SCORE);
                }
                faces += e.getValue().size();
                hits += WebFacesEyes.hits(e.getValue(), found).size();
                falsePositives += WebFacesEyes.falsePositives(e.getValue(), found);
                images++;
            }
        }
        System.out.printf("blazeface-full-range on %d webfaces photos: %d of %d faces (%.1f %%), %.2f false positives"
                + " per image%n", images, hits, faces, 100.0 * hits / faces, falsePositives / (double) images);
        assertTrue(hits >= 0.70 * faces, hits + " of " + faces);
        assertTrue(falsePositives <= 0.35 * images, falsePositives + " false positives in " + images + " images");
    }
}
