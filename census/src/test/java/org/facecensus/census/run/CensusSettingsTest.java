package org.facecensus.census.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;

import org.facecensus.FaceCensus;
import org.facecensus.analysis.FaceAnalyzer;
import org.facecensus.census.collection.CatalogueOptions;
import org.facecensus.census.collection.ColumnMap;
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
            assertFalse(before.containsKey("--metadata-encoding") || before.containsKey("--metadata-delimiter")
                    || before.containsKey("--columns"), "detected catalogue settings keep the fingerprint as it was");
        }
    }

    /** The column map decides item ids, so a run resumed with another map (or encoding) is refused. */
    @Test
    void setCatalogueOptionsAreInTheFingerprint(@TempDir Path dir) {
        CatalogueOptions options = CatalogueOptions.DETECT.withEncoding(Charset.forName("windows-1252"))
                .withDelimiter('\t').withColumns(ColumnMap.parse("id=Object number,date=Date made"));
        CensusSettings settings = new CensusSettings(dir.resolve("photos"), dir.resolve("catalogue.csv"),
                dir.resolve("out"), null, 10, 2, null, options);
        try (FaceAnalyzer plain = FaceCensus.defaults().analyzer().detector("blazeface").build()) {
            Map<String, String> f = settings.fingerprint(plain);
            assertEquals("windows-1252", f.get("--metadata-encoding"));
            assertEquals("tab", f.get("--metadata-delimiter"));
            assertEquals("id=\"Object number\",date=\"Date made\"", f.get("--columns"));
        }
    }
}
