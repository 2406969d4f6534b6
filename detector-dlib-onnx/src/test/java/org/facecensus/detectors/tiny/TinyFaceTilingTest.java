package org.facecensus.detectors.tiny;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.facecensus.detectors.SmallFaceRecall;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.inference.ExecutionDevice;
import org.junit.jupiter.api.Test;

/**
 * tiny-face's tiling: off by default and for {@code minFaceSize} at or above what one pass
 * finds (face-api parity, see {@link TinyFaceDetectorTest}); with {@code minFaceSize 12} on
 * webfaces photos it finds more of the faces whose eyes are under 20 px apart. Needs the models.
 */
class TinyFaceTilingTest {
    @Test
    void planIsSinglePassUnlessSmallerFacesAreAskedFor() {
        try (TinyFaceDetector d = new TinyFaceDetector(ModelStore.defaultStore(), ExecutionDevice.CPU)) {
            assertEquals(1, d.plan(1920, 1080).tileCount());
            d.minFaceSize(100); // above 1920 / 20 = 96: one pass suffices
            assertEquals(1, d.plan(1920, 1080).tileCount());
            d.minFaceSize(20);
            assertTrue(d.plan(1920, 1080).tileCount() > 1);
            assertTrue(d.plan(1920, 1080).levels().size() >= 2);
        }
    }

    @Test
    void minFace12FindsMoreSmallFacesOnWebfaces() throws IOException {
        try (TinyFaceDetector plain = new TinyFaceDetector(ModelStore.defaultStore(), ExecutionDevice.CPU);
             TinyFaceDetector tiled = new TinyFaceDetector(ModelStore.defaultStore(), ExecutionDevice.CPU)
                     .minFaceSize(12)) {
            SmallFaceRecall.Result r = SmallFaceRecall.compare(plain::detect, tiled::detect, 40);
            System.out.println("tiny-face " + r);
            assertTrue(r.tiledHits() > r.plainHits(), r.toString());
            assertTrue(r.tiledLargeHits() >= r.plainLargeHits() - 1, r.toString());
        }
    }
}
