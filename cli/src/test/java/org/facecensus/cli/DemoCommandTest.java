package org.facecensus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job: six real group photos with 22 visible faces (checked by eye). */
class DemoCommandTest {

    @Test
    void findsTheTwentyTwoFacesInTheSamplePhotos(@TempDir Path out) throws Exception {
        DetectCommandTest.Result r = DetectCommandTest.run("demo", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("faces.jsonl"));
        assertEquals(6, lines.size());
        int faces = 0;
        for (String line : lines) {
            JsonNode n = Json.MAPPER.readTree(line);
            faces += n.get("faces").size();
        }
        // face-api's SSD finds the same 22 and nothing else; dlib's HOG 19 plus a badge.
        assertEquals(22, faces);
        assertTrue(r.out().contains("total              22"), r.out());
        try (var crops = Files.list(out.resolve("crops"))) {
            assertEquals(22, crops.count());
        }
    }
}
