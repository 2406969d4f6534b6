package org.facecensus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract other tools rely on: schema, order, per-item errors, exit codes. */
class DetectCommandTest {

    record Result(int exit, String out, String err) {
        List<JsonNode> lines() throws Exception {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    nodes.add(Json.MAPPER.readTree(line));
                }
            }
            return nodes;
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    static Path shared() {
        Path root = Path.of(System.getProperty("facecensus.shared", "../../shared")).resolve("data");
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(Files.isDirectory(root), "shared test data missing at " + root);
        }
        return root;
    }

    @Test
    void printsOneObjectPerImageInInputOrderAndAnErrorPerBadItem(@TempDir Path dir) throws Exception {
        Path photo = shared().resolve("dlib-faces/2008_001322.jpg");
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        Path text = Files.writeString(dir.resolve("notes.jpg"), "not an image\n");
        byte[] jpeg = Files.readAllBytes(photo);
        Path truncated = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Path missing = dir.resolve("missing.png");

        Result r = run("detect", photo.toString(), empty.toString(), text.toString(), truncated.toString(),
                missing.toString());

        assertEquals(0, r.exit(), r.err());
        List<JsonNode> lines = r.lines();
        assertEquals(5, lines.size(), r.out());
        JsonNode ok = lines.get(0);
        assertEquals(photo.toString(), ok.get("file").asText());
        assertEquals(500, ok.get("width").asInt());
        assertEquals("blazeface", ok.get("params").get("detector").asText());
        assertEquals(64, ok.get("models").get(0).get("sha256").asText().length());
        for (String stage : List.of("decode", "inference", "detect", "total")) {
            assertTrue(ok.get("elapsed_ms").has(stage), stage);
        }
        assertEquals(3, ok.get("faces").size(), "2008_001322.jpg has 3 labelled faces");
        JsonNode face = ok.get("faces").get(0);
        assertEquals(4, face.get("box").size());
        assertEquals(6, face.get("landmarks").size());
        assertTrue(face.get("score").asDouble() > 0.6);

        List<String> problems = new ArrayList<>();
        for (JsonNode bad : lines.subList(1, 5)) {
            assertTrue(bad.has("error"), bad.toString());
            assertFalse(bad.has("faces"));
            problems.add(bad.get("problem").asText());
        }
        assertEquals(List.of("EMPTY_FILE", "NOT_AN_IMAGE", "TRUNCATED", "NOT_FOUND"), problems);
        assertEquals(List.of(empty.toString(), text.toString(), truncated.toString(), missing.toString()),
                lines.subList(1, 5).stream().map(n -> n.get("file").asText()).toList());
    }

    @Test
    void foldersAreWalkedRecursivelyInNameOrderAndThreadsKeepTheOrderAndResults(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectories(dir.resolve("b-sub"));
        Files.copy(shared().resolve("dlib-faces/2008_002470.jpg"), dir.resolve("a.jpg"));
        Files.copy(shared().resolve("dlib-faces/2009_004587.jpg"), sub.resolve("c.jpg"));
        Files.copy(shared().resolve("dlib-faces/2008_001009.jpg"), dir.resolve("d.JPG"));
        Files.writeString(dir.resolve("readme.txt"), "ignored inside folders");

        Result serial = run("detect", dir.toString());
        Result parallel = run("detect", "--threads", "3", dir.toString());

        assertEquals(0, serial.exit(), serial.err());
        List<String> files = serial.lines().stream().map(n -> Path.of(n.get("file").asText()).getFileName().toString()).toList();
        assertEquals(List.of("a.jpg", "c.jpg", "d.JPG"), files);
        assertEquals(withoutTimings(serial.lines()), withoutTimings(parallel.lines()));
    }

    private static List<JsonNode> withoutTimings(List<JsonNode> lines) {
        for (JsonNode n : lines) {
            ((ObjectNode) n).remove("elapsed_ms");
        }
        return lines;
    }

    @Test
    void writesCropsNamedAfterTheImage(@TempDir Path dir) throws Exception {
        Path crops = dir.resolve("crops");
        Result r = run("detect", "--crops", crops.toString(), shared().resolve("dlib-faces/2008_001009.jpg").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isRegularFile(crops.resolve("2008_001009_0.jpg")));
        assertTrue(Files.isRegularFile(crops.resolve("2008_001009_1.jpg")));
        assertEquals(crops.resolve("2008_001009_0.jpg").toString(),
                r.lines().get(0).get("faces").get(0).get("crop").asText());
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, run("detect").exit());
        assertEquals(2, run("detect", "--no-such-option", "x.jpg").exit());
        assertEquals(2, run("detect", "--threads", "0", "x.jpg").exit());
        assertEquals(2, run("no-such-command").exit());
    }

    @Test
    void anUnknownDetectorFailsTheRunAndListsTheAvailableOnes() {
        Result r = run("detect", "--detector", "no-such-detector", "x.jpg");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("No face detector named 'no-such-detector'"), r.err());
        assertTrue(r.err().contains("blazeface"), r.err());
        assertTrue(r.err().contains("--detector") || r.err().contains("-Dfacecensus.detector"), r.err());
    }

    @Test
    void listsDetectorsAndVerifiesModels() {
        Result list = run("detect", "--list-detectors");
        assertEquals(0, list.exit());
        assertTrue(list.out().contains("blazeface-front"), list.out());
        Result verify = run("models", "verify");
        assertEquals(0, verify.exit(), verify.out());
        assertTrue(verify.out().contains("blazeface-back-256") && verify.out().contains("OK"), verify.out());
    }
}
