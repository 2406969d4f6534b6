package org.facecensus.detectors.dlib.hog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.facecensus.FaceCensusException;
import org.facecensus.model.ModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoded dlib detector against what dlib itself decodes. The checksums come from the C++ test
 * aids in {@code src/test/cpp}: {@code dump_frontal_face_detector.cpp} writes the bytes of
 * {@code get_serialized_frontal_faces()} (and checks that deserialising and re-serialising them gives
 * the same bytes), {@code dump_filterbank.cpp} the separable filter terms dlib builds from them; the
 * Java terms were compared with that dump term by term (305 of 305 bit-identical) before its checksum
 * was pinned here. Needs the model: {@code facecensus models fetch dlib-frontal-face-detector}.
 */
class DlibHogModelTest {
    /** sha256 of dlib 19.24's get_serialized_frontal_faces() (dump_frontal_face_detector.cpp). */
    static final String DECODED_SHA256 = "f3f7aa833fb4a14a46fc48689f45b98d85ef72d6dfaf8bdc012b7d3c522a5426";
    static final int DECODED_BYTES = 155_005;

    private static Path header() {
        return ModelStore.defaultStore().require(DlibFrontalFaceModel.SPEC);
    }

    @Test
    void decompressedHeaderIsExactlyWhatDlibDecodes() throws Exception {
        byte[] decoded = DlibFrontalFaceModel.decode(header());
        assertEquals(DECODED_BYTES, decoded.length);
        assertEquals(DECODED_SHA256, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(decoded)));
    }

    @Test
    void parsesTheFiveFilterScanner() {
        HogModel m = DlibFrontalFaceModel.load(ModelStore.defaultStore());
        assertEquals(8, m.cellSize());
        assertEquals(0, m.padding());
        assertEquals(80, m.windowWidth());
        assertEquals(80, m.windowHeight());
        assertEquals(10, m.filterWidth());
        assertEquals(10, m.filterHeight());
        assertEquals(64, m.minPyramidLayerWidth());
        assertEquals(1000, m.maxPyramidLevels());
        assertEquals(0.33008212188056446, m.iouThresh(), 0);
        assertEquals(0.7885714285714286, m.percentCoveredThresh(), 0);
        // thresholds and separable term counts as dump_filterbank.cpp prints them
        double[] thresholds = {3.2744957766996508, 3.9868216360740241, 3.8959356750348184, 3.5148690352596796,
            3.5580290258303688};
        int[] terms = {61, 58, 54, 66, 66};
        List<HogModel.FilterBank> f = m.filters();
        assertEquals(5, f.size());
        for (int d = 0; d < 5; d++) {
            assertEquals(thresholds[d], f.get(d).threshold(), 0);
            assertEquals(terms[d], f.get(d).separableTerms());
        }
    }

    /** sha256 of the big-endian float bits of every separable term (col then row, sign-normalised), computed from dump_filterbank.cpp's output. */
    static final String FILTERBANK_SHA256 = "dd259bd04b850ac931b31d93b80fdda8e4f8419734813f6fdcd2ff7a9dc406c1";

    @Test
    void separableTermsAreDlibsToTheBit() throws Exception {
        HogModel m = DlibFrontalFaceModel.load(ModelStore.defaultStore());
        assertEquals(FILTERBANK_SHA256, filterbankSha256(m));
    }

    static String filterbankSha256(HogModel m) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (HogModel.FilterBank f : m.filters()) {
            for (int p = 0; p < HogModel.PLANES; p++) {
                for (int j = 0; j < f.colFilters()[p].length; j++) {
                    float[] c = f.colFilters()[p][j];
                    float[] r = f.rowFilters()[p][j];
                    int k = 0;
                    while (k < c.length && c[k] == 0) {
                        k++;
                    }
                    float sign = k < c.length && c[k] < 0 ? -1 : 1;
                    ByteBuffer b = ByteBuffer.allocate(4 * (c.length + r.length));
                    for (float v : c) {
                        b.putFloat(v * sign);
                    }
                    for (float v : r) {
                        b.putFloat(v * sign);
                    }
                    md.update(b.array());
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void corruptDataIsRefusedByTheChecksum() throws Exception {
        String text = Files.readString(header());
        // flip one base64 character inside the data
        int at = text.indexOf("sout << \"") + 200;
        char ch = text.charAt(at);
        String bad = text.substring(0, at) + (ch == 'A' ? 'B' : 'A') + text.substring(at + 1);
        assertThrows(FaceCensusException.class, () -> DlibDecompressor.decodeHeader(bad));
    }

    @Test
    void missingModelSaysHowToFetchIt(@TempDir Path empty) {
        DlibHogDetector d = DlibHogDetector.builder().modelStore(new ModelStore(empty)).build();
        FaceCensusException e = assertThrows(FaceCensusException.class,
                () -> d.detect(org.facecensus.image.RgbImage.of(100, 100, new byte[100 * 100 * 3])));
        assertTrue(e.getMessage().contains("facecensus models fetch dlib-frontal-face-detector"), e.getMessage());
    }
}
