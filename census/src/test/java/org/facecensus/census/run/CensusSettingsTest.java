package org.facecensus.census.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Map;

import org.facecensus.FaceCensus;
import org.facecensus.analysis.FaceAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a resumed census must share with the interrupted one (models load lazily: nothing runs here). */
class CensusSettingsTest {
    @Test
    void theFingerprintHoldsTheComponentsAndADetectorThresholdOnlyWhenGiven(@TempDir Path dir) {
        CensusSettings settings = new CensusSettings(dir.resolve("photos"), null, dir.resolve("out"), null, 10, 2);
        try (FaceAnalyzer plain = FaceCensus.defaults().analyzer().detector("blazeface").build();
             FaceAnalyzer smaller = FaceCensus.defaults().analyzer().detector("blazeface").minFace(12).build()) {
            Map<String, String> before = settings.fingerprint(plain);
            assertEquals("blazeface", before.get("--detector"));
            assertEquals("none", before.get("--landmarks"));
            assertEquals("similarity-5pt", before.get("--aligner"));
            assertEquals("none", before.get("--classifier"));
            assertFalse(before.containsKey("--min-face"), "runs without it keep the fingerprint they had");
            assertEquals("12.0", settings.fingerprint(smaller).get("--min-face"));
        }
    }
}
