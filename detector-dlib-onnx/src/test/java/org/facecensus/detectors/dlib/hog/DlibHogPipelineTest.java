package org.facecensus.detectors.dlib.hog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

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

    /**
     * Each filter bank's response to level 0 (the sum of its separable terms over the 31 planes, before the
     * threshold) is pinned to what the flat-array filter of earlier releases computed (checksums of float32,
     * row-major, borders included), so a faster layout cannot change a score unnoticed. dlib's own responses
     * ({@code dump_saliency.cpp} on the same pixels, with the same rank-1 terms: {@code dump_filterbank.cpp}
     * matches {@link HogModel}'s to the bit) are not identical: in about 2,000 of the 5,829 values per bank
     * they differ by one or two float steps (at most 6.1e-7), so boxes and thresholding agree with dlib and
     * scores to about 1e-6 (DlibHogParityTest), not to the bit. Both loops give these: the scalar ones and the
     * Vector API's (which the test JVM has: facecensus.test.jvm).
     */
    @Test
    void filterResponsesAreTheReleasedOnes() throws Exception {
        assertEquals(RELEASED_RESPONSES, responseSums(null), "scalar loops");
        TenTapKernel vector = TenTapKernel.vector().orElseThrow(
                () -> new AssertionError("the test JVM lacks --add-modules " + TenTapKernel.VECTOR_MODULE));
        assertEquals(RELEASED_RESPONSES, responseSums(vector), vector.name());
    }

    private static final List<String> RELEASED_RESPONSES = List.of(
            "0b937b83bbb1e8b5c1dd3bfd363f199d5d9f3ece4061cea10b9ad9afa4f4e6c7",
            "4a886d6075b001fec4997e0426e926a862abe4553a44aaf0137b2144ba35ffaa",
            "8be42271bc90bcf0fcac8b5eee1a6b24fc4aaff2691754d9dfed80e7b1ec6145",
            "2107f22e4290f9c283cdf398bd09f528e5008b3e96d984ab4b589b032b0f3117",
            "124cfabbf460e6d6d91734c0c52d3224b4e39c921d8735b0123db35b3561b37a");

    private static List<String> responseSums(TenTapKernel kernel) throws Exception {
        RgbImage img = photo();
        HogModel model = DlibFrontalFaceModel.load(org.facecensus.model.ModelStore.defaultStore());
        int taps = model.filterWidth();
        FHog.Features f = FHog.extract(img.toByteArray(), img.width(), img.height(), model.cellSize(),
                model.filterHeight(), taps);
        List<HogModel.FilterBank> banks = model.filters();
        float[][][] responses = new float[banks.size()][][];
        for (int d = 0; d < banks.size(); d++) {
            responses[d] = new float[f.height()][f.width()];
        }
        boolean[] started = new boolean[banks.size()];
        SeparableFilter filter = new SeparableFilter(taps, kernel);
        for (int p = 0; p < HogModel.PLANES; p++) {
            filter.load(f.planes()[p], f.height(), f.width());
            for (int d = 0; d < banks.size(); d++) {
                float[][] rows = banks.get(d).rowFilters()[p];
                float[][] cols = banks.get(d).colFilters()[p];
                for (int j = 0; j < rows.length; j++) {
                    filter.apply(rows[j], cols[j], responses[d], started[d]);
                    started[d] = true;
                }
            }
        }
        List<String> sums = new ArrayList<>();
        for (float[][] response : responses) {
            ByteBuffer b = ByteBuffer.allocate(f.width() * f.height() * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] row : response) {
                for (float v : row) {
                    b.putFloat(v);
                }
            }
            sums.add(sha256(b.array()));
        }
        return sums;
    }
}
