package org.facecensus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The face-api pipeline through the CLI: detect, 68 landmarks, age and gender per face. */
class GenderOptionTest {

    @Test
    void printsGenderProbabilityAndAgePerFace() throws Exception {
        Path photo = DetectCommandTest.shared().resolve("dlib-faces/2008_002470.jpg");
        DetectCommandTest.Result r = DetectCommandTest.run("detect", "--detector", "ssd-mobilenet",
                "--landmarks", "landmark68-net", "--gender", "faceapi-agegender", photo.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode line = r.lines().get(0);
        assertEquals("faceapi-agegender", line.get("params").get("gender").asText());
        assertTrue(line.get("models").toString().contains("faceapi-agegender"), line.get("models").toString());
        assertTrue(line.get("faces").size() >= 5, line.toString());
        for (JsonNode face : line.get("faces")) {
            String gender = face.get("gender").asText();
            assertTrue(gender.equals("male") || gender.equals("female"), gender);
            double p = face.get("genderProbability").asDouble();
            assertTrue(p >= 0.5 && p <= 1, face.toString());
            double age = face.get("age").asDouble();
            assertTrue(age > 0 && age < 100, face.toString());
        }
    }

    @Test
    void withoutSixtyEightLandmarksEachFaceSaysWhatIsMissing() throws Exception {
        Path photo = DetectCommandTest.shared().resolve("dlib-faces/2008_001009.jpg");
        DetectCommandTest.Result r = DetectCommandTest.run("detect", "--gender", "faceapi-agegender", photo.toString());
        assertEquals(0, r.exit(), r.err());
        for (JsonNode face : r.lines().get(0).get("faces")) {
            assertTrue(face.get("error").asText().contains("--landmarks"), face.toString());
        }
    }
}
