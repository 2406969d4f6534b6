package org.facecensus.detectors.ssd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.facecensus.detectors.SmallFaceRecall;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.inference.ExecutionDevice;
import org.junit.jupiter.api.Test;

/**
 * ssd-mobilenet's tiling: off by default and for {@code minFaceSize} at or above what one pass
 * finds (face-api parity, see {@link SsdMobilenetDetectorTest}); with {@code minFaceSize 12} on
 * webfaces photos it finds more of the faces whose eyes are under 20 px apart. Needs the models.
 */
class SsdMobilenetTilingTest {
    @Test
    void planIsSinglePassUnlessSmallerFacesAreAskedFor() {
        try (SsdMobilenetDetector d = new SsdMobilenetDetector(ModelStore.defaultStore(), ExecutionDevice.CPU)) {
            assertEquals(1, d.plan(1920, 1080).tileCount());
            d.minFaceSize(80); // above 1920 / 25.6 = 75: one pass suffices
            assertEquals(1, d.plan(1920, 1080).tileCount());
            d.minFaceSize(20);
            assertTrue(d.plan(1920, 1080).tileCount() > 1);
            assertTrue(d.plan(1920, 1080).levels().size() >= 2);
        }
    }

    @Test
    void minFace12FindsMoreSmallFacesOnWebfaces() throws IOException {
        try (SsdMobilenetDetector plain = new SsdMobilenetDetector(ModelStore.defaultStore(), ExecutionDevice.CPU);
             SsdMobilenetDetector tiled = new SsdMobilenetDetector(ModelStore.defaultStore(), ExecutionDevice.CPU)
                     .minFaceSize(12)) {
            SmallFaceRecall.Result r = SmallFaceRecall.compare(plain::detect, tiled::detect, 40);
            System.out.println("ssd-mobilenet " + r);
            assertTrue(r.tiledHits() > r.plainHits(), r.toString());
            assertTrue(r.tiledLargeHits() >= r.plainLargeHits() - 1, r.toString());
        }
    }
}
