package org.facecensus.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.facecensus.FaceCensusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CensusFolderTest {
    @TempDir
    Path dir;

    @Test
    void readsFacesItemsCropsAndTheCollectionOfARealCensus() throws Exception {
        CensusFolder census = CensusFolder.read(TestCensus.copy(dir));
        List<String> lines = Files.readAllLines(census.dir().resolve("faces.csv"));
        assertEquals(lines.size() - 1, census.faces().size());
        assertTrue(census.faces().size() >= 4, "the test images show several faces: " + lines);
        for (CensusFace f : census.faces()) {
            assertTrue(census.item(f.key().itemId()).isPresent(), f.toString());
            assertTrue(census.artwork(f.key().itemId()).isPresent(), f.toString());
            if (f.crop() != null) {
                assertEquals(64, f.cropSha256().length());
                assertEquals(CensusFolder.sha256(f.crop()), f.cropSha256());
                assertTrue(f.crop().startsWith(census.dir().resolve("crops")));
            }
            assertTrue(f.width() > 0 && f.height() > 0, f.toString());
            assertTrue(Double.isNaN(f.probabilityFace()), "no verifier ran, so no p_face: " + f);
        }
        assertTrue(lines.get(0).contains(",probability,p_face,"), lines.get(0));
        CensusFace first = census.faces().get(0);
        assertEquals(first, census.face(first.key()).orElseThrow());
        assertFalse(census.face(new FaceKey(first.key().itemId(), 999)).isPresent());
        assertTrue(census.item("../run").isEmpty());
        assertTrue(census.artwork("no-such-item").isEmpty());
        assertTrue(census.collection().endsWith("collection"));
    }

    @Test
    void aCensusWrittenBeforeFacesCsvHadPFaceReadsAsWithoutAVerifier() throws Exception {
        Path census = TestCensus.synthetic(dir, 2, 2);
        assertFalse(Files.readAllLines(census.resolve("faces.csv")).get(0).contains("p_face"));
        CensusFolder read = CensusFolder.read(census);
        assertEquals(4, read.faces().size());
        read.faces().forEach(f -> assertTrue(Double.isNaN(f.probabilityFace()), f.toString()));
        read.faces().forEach(f -> assertFalse(Double.isNaN(f.probability()), f.toString()));
    }

    @Test
    void aFolderThatIsNoCensusSaysWhatIsMissing() {
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> CensusFolder.read(dir));
        assertTrue(e.getMessage().contains("faces.csv") && e.getMessage().contains("facecensus analyze"), e.getMessage());
    }
}
