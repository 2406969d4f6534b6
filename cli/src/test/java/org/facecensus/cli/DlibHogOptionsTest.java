package org.facecensus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The poster study's recipe on the command line: dlib-hog, upsample 0 after a ×2.5 resize. */
class DlibHogOptionsTest {

    @Test
    void upsampleAndScaleReachTheDetector() throws Exception {
        Path photo = DetectCommandTest.shared().resolve("dlib-faces/2008_001322.jpg");
        DetectCommandTest.Result r = DetectCommandTest.run("detect", "--detector", "dlib-hog", "--upsample", "0",
                "--scale", "2.5", photo.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode line = r.lines().get(0);
        String params = line.get("params").toString();
        assertTrue(params.contains("\"upsample\":0") && params.contains("2.5"), params);
        // Boxes come back in input pixels: inside the 500x375 photo, not the 1250-px working image.
        for (JsonNode face : line.get("faces")) {
            assertTrue(face.get("box").get(0).asDouble() < 500 && face.get("box").get(2).asDouble() < 300, face.toString());
        }
        assertTrue(line.get("faces").size() >= 3, line.toString());
    }

    @Test
    void upsampleOnAnotherDetectorIsAUsageError() {
        DetectCommandTest.Result r = DetectCommandTest.run("detect", "--detector", "blazeface", "--upsample", "1", "x.jpg");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("dlib-hog only"), r.err());
    }
}
