package org.facecensus.detectors.dlib.hog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.facecensus.detectors.SharedData;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.junit.jupiter.api.Test;

/**
 * Each image step of the port is dlib's to the bit, on one real photo (Caltech web face
 * {@code pic00099.jpg}, 534×400, as FaceCensus decodes it). The checksums were computed from the
 * outputs of the C++ test aids in {@code src/test/cpp} ({@code dump_fhog.cpp},
 * {@code dump_halfpixel.cpp}), built with the peer's flags ({@code -O3 -march=native -std=c++17},
 * dlib 19.24), on a lossless PNG copy of the same pixels. The same comparisons, pixel by pixel, were
 * also clean on 1920-px photos and on dlib's example photos.
 */
class DlibHogPipelineTest {
    private static final String PHOTO = "webfaces/images/pic00099.jpg";

    private static RgbImage photo() {
        return ImageLoader.defaults().load(SharedData.root().resolve(PHOTO));
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void fhogPlanesAreDlibs() throws Exception {
        RgbImage img = photo();
        FHog.Features f = FHog.extract(img.toByteArray(), img.width(), img.height(), 8, 10, 10);
        assertEquals(87, f.width());
        assertEquals(67, f.height());
        ByteBuffer b = ByteBuffer.allocate(31 * f.width() * f.height() * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] plane : f.planes()) {
            for (float v : plane) {
                b.putFloat(v);
            }
        }
        assertEquals("daacca6dcc6393d51237e1e0aec9ddde82f114d432aac96a8ba22e5fa80bcd74", sha256(b.array()));
    }

    @Test
    void pyramidDown6IsDlibs() throws Exception {
        RgbImage img = photo();
        byte[] down = DlibResize.resize(img.toByteArray(), img.width(), img.height(), 534, 400);
        assertEquals("868c3dda1b297a4bb5b2c11222774d97a84b8353f4d7f7fcc91fbca108468a6a", sha256(down));
    }

    @Test
    void pyramidUpIsDlibs() throws Exception {
        RgbImage img = photo();
        int[] r = DlibGeometry.round(DlibGeometry.rectUp2(new double[] {0, 0, img.width() - 1, img.height() - 1}));
        assertEquals(1283, r[2]);
        assertEquals(962, r[3]);
        byte[] up = DlibResize.resize(img.toByteArray(), img.width(), img.height(), 1284, 963);
        assertEquals("80990ec6aba5c0c7bb377a3d6a978691f55855f990f30258c9b808c92795d054", sha256(up));
    }

    @Test
    void halfPixelScaleIsThePeers() throws Exception {
        RgbImage img = photo();
        byte[] scaled = HalfPixelResize.resize(img.toByteArray(), img.width(), img.height(), 1603, 1203);
        assertEquals("b414cb3830fbd3a9f03b282177a43d20682968649591beedf91cb96ac486ab0e", sha256(scaled));
    }
}
