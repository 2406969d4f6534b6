package org.facecensus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.facecensus.analysis.FaceAnalyzer;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlignCommandTest {

    @Test
    void writesOneAlignedFacePerDetectionNamedAsTheStudyDid(@TempDir Path dir) throws Exception {
        Path photo = DetectCommandTest.shared().resolve("dlib-faces/2008_001322.jpg");
        Path out = dir.resolve("aligned");
        DetectCommandTest.Result r = DetectCommandTest.run("align", "--out", out.toString(), photo.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode line = r.lines().get(0);
        assertEquals(FaceAnalyzer.DEFAULT_ALIGNER, line.get("params").get("aligner").asText());
        assertEquals(3, line.get("faces").size());
        for (int j = 0; j < 3; j++) {
            JsonNode face = line.get("faces").get(j);
            Path crop = out.resolve("2008_001322_" + j + ".jpg");
            assertEquals(crop.toString(), face.get("aligned").asText());
            RgbImage aligned = ImageLoader.defaults().load(crop);
            assertEquals(224, aligned.width());
            assertEquals(224, aligned.height());
            assertEquals(6, face.get("transform").size());
        }
    }

    @Test
    void landmarksOptionReplacesKeypointsWithDlibsSixtyEightPoints() throws Exception {
        Path photo = DetectCommandTest.shared().resolve("dlib-faces/2008_001009.jpg");
        DetectCommandTest.Result r = DetectCommandTest.run("detect", "--landmarks", "dlib-68", photo.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode line = r.lines().get(0);
        assertTrue(line.get("elapsed_ms").has("landmarks"));
        assertTrue(line.get("models").toString().contains("dlib-shape-predictor-68"));
        for (JsonNode face : line.get("faces")) {
            assertEquals(68, face.get("landmarks").size());
            assertEquals("IBUG_68", face.get("landmark_scheme").asText());
            assertEquals(6, face.get("keypoints").size());
        }
    }

    @Test
    void alignerWithoutFolderIsAUsageError() {
        assertEquals(2, DetectCommandTest.run("detect", "--aligner", "imutils-eyes", "x.jpg").exit());
        assertTrue(Files.notExists(Path.of("x.jpg")));
    }
}
