package org.facecensus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.facecensus.label.CardStream;
import org.facecensus.label.CensusFace;
import org.facecensus.label.CensusFolder;
import org.facecensus.label.FaceKey;
import org.facecensus.label.Label;
import org.facecensus.label.LabelEntry;
import org.facecensus.label.LabelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The People-Art labels (label module's dogfood file: 302 detections of ssd-mobilenet at --min-face 12, each
 * labelled by eye) train a face / not-a-face verifier; its cross-validated figures are those the README
 * reports, and {@code analyze --faces-from --verifier} re-classifies the census without detecting, dropping
 * and counting what the verifier rejects; {@code detect --verifier} drops the same detections and prints each
 * kept face's {@code p_face}.
 */
class VerifierCommandTest {
    /** The label module's test data (the cli tests run in the cli folder). */
    private static final Path LABELS = Path.of("../label/src/test/resources/org/facecensus/label/peopleart-dogfood-labels.csv");

    @Test
    void peopleArtLabelsTrainAVerifierThatRemovesMostFalseFacesAndAReclassifiedCensusCountsThem(@TempDir Path dir)
            throws Exception {
        Path art = DetectCommandTest.shared().resolve("peopleart/JPEGImages");
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(LABELS, StandardCharsets.UTF_8);
        lines.subList(1, lines.size()).forEach(l -> rows.add(l.split(",")));
        // Only the 120 artworks with a labelled detection: the others have no face to detect at these settings.
        Set<String> files = new LinkedHashSet<>();
        rows.forEach(r -> files.add(r[2]));
        Path collection = dir.resolve("art");
        for (String file : files) {
            Files.createDirectories(collection.resolve(file).getParent());
            Files.copy(art.resolve(file), collection.resolve(file));
        }
        Path first = dir.resolve("census");
        DetectCommandTest.Result analyze = DetectCommandTest.run("analyze", collection.toString(), "--out", first.toString(),
                "--detector", "ssd-mobilenet", "--min-face", "12", "--threads", "2");
        assertEquals(0, analyze.exit(), analyze.err());

        CensusFolder census = CensusFolder.read(first);
        assertEquals(rows.size(), census.faces().size(), "the same detections as when the labels were made");
        census.faces().forEach(f -> assertTrue(Double.isNaN(f.probabilityFace()), "no verifier, no p_face: " + f));
        List<LabelEntry> entries = new ArrayList<>();
        Instant t = Instant.parse("2026-12-01T12:00:00Z");
        for (String[] r : rows) {
            CensusFace face = census.face(new FaceKey(r[0], Integer.parseInt(r[1]))).orElseThrow();
            assertEquals(Double.parseDouble(r[3]), face.x(), 0.01, "same box for " + face.key());
            entries.add(new LabelEntry(face.key(), face.cropSha256(), Label.parse(r[7]).orElseThrow(),
                    "yes".equals(r[8]) ? CardStream.AUDIT : CardStream.ACTIVE, t));
            t = t.plusSeconds(10);
        }
        try (LabelStore store = LabelStore.open(census)) {
            store.append(entries);
        }

        Path verifier = dir.resolve("verifier.json");
        DetectCommandTest.Result train = DetectCommandTest.run("verifier", "train", first.toString(), "--out",
                verifier.toString(), "--cache", dir.resolve("cache").toString());
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.err().contains("302 labelled detections: 152 faces, 150 not faces"), train.err());
        JsonNode provenance = Json.MAPPER.readTree(verifier.toFile()).get("provenance");
        Map<Double, JsonNode> byThreshold = new HashMap<>();
        provenance.get("cross_validation").get("thresholds").forEach(n -> byThreshold.put(n.get("threshold").asDouble(), n));
        JsonNode half = byThreshold.get(0.5);
        // Measured (5 folds, seed 42, MLP): 131 of 150 false faces removed, 16 of 152 true faces lost; at 0.2:
        // 113 removed, 8 lost. The floors leave room for platform rounding only.
        assertTrue(half.get("false_faces_removed").asInt() >= 120, half.toString());
        assertTrue(half.get("true_faces_lost").asInt() <= 22, half.toString());
        assertTrue(byThreshold.get(0.2).get("true_faces_lost").asInt() <= 12, byThreshold.get(0.2).toString());
        assertTrue(train.out().contains("<- --threshold"), train.out());

        Path second = dir.resolve("verified");
        DetectCommandTest.Result again = DetectCommandTest.run("analyze", collection.toString(), "--out", second.toString(),
                "--detector", "ssd-mobilenet", "--min-face", "12", "--faces-from", first.toString(), "--verifier",
                verifier.toString());
        assertEquals(0, again.exit(), again.err());
        JsonNode run = Json.MAPPER.readTree(second.resolve("run.json").toFile());
        int rejected = run.get("facesRejectedByVerifier").asInt();
        assertEquals(rows.size(), run.get("faces").asInt() + rejected, "every detection is kept or rejected");
        // Trained on these very labels, so this is in-sample: nearly every false face goes.
        assertTrue(rejected >= 140 && rejected <= 160, run.toString());
        assertEquals("verifier.json", run.get("verifier").asText());
        assertEquals(first.toAbsolutePath().normalize().toString(), run.get("facesFrom").asText());
        assertTrue(again.out().contains("face verifier verifier.json rejected " + rejected + " detections"), again.out());
        List<String> items = Files.readAllLines(second.resolve("items.csv"));
        int column = List.of(items.get(0).split(",")).indexOf("rejected_faces");
        assertTrue(column > 0, items.get(0));
        assertTrue(Files.readString(second.resolve("report.html")).contains(rejected + " detections rejected as not faces"));
        // The kept faces are boxes of the first census: nothing was detected again.
        Set<String> firstBoxes = new LinkedHashSet<>();
        census.faces().forEach(f -> firstBoxes.add(f.key().itemId() + " " + Math.round(f.x() * 100)));
        CensusFolder verified = CensusFolder.read(second);
        verified.faces().forEach(f -> assertTrue(
                firstBoxes.contains(f.key().itemId() + " " + Math.round(f.x() * 100)), f.toString()));
        // Every one of the 302 detections has an aligned crop, so the verifier judged each kept face, and its
        // probability (p_face) is at least the threshold, 0.5.
        assertEquals(run.get("faces").asInt(), verified.faces().size());
        for (CensusFace f : verified.faces()) {
            assertTrue(f.probabilityFace() >= 0.5 && f.probabilityFace() <= 1, f.toString());
        }

        // detect takes the same verifier and drops the same detections: with the same detector it finds the
        // first census's boxes, and aligns them as analyze does (landmark68-net, by default with a verifier).
        DetectCommandTest.Result detect = DetectCommandTest.run("detect", collection.toString(), "--detector",
                "ssd-mobilenet", "--min-face", "12", "--threads", "2", "--verifier", verifier.toString(),
                "--verifier-threshold", "0.5");
        assertEquals(0, detect.exit(), detect.err());
        Map<String, List<Double>> censusPFace = new HashMap<>();
        verified.items().forEach(i -> censusPFace.put(i.file(), new ArrayList<>()));
        verified.faces().forEach(f -> censusPFace.get(verified.item(f.key().itemId()).orElseThrow().file())
                .add(f.probabilityFace()));
        int detectRejected = 0;
        int detectKept = 0;
        for (JsonNode image : detect.lines()) {
            String file = collection.relativize(Path.of(image.get("file").asText())).toString().replace('\\', '/');
            assertEquals("verifier.json", image.get("params").get("verifier").asText(), "as run.json names it");
            assertEquals(0.5, image.get("params").get("verifier_threshold").asDouble());
            assertTrue(image.get("models").findValuesAsText("name").contains("face-verifier-head"), image.toString());
            detectRejected += image.get("rejected_faces").asInt();
            List<Double> expected = censusPFace.get(file);
            assertEquals(expected.size(), image.get("faces").size(), "kept faces of " + file + ": " + image);
            for (int j = 0; j < expected.size(); j++) {
                JsonNode face = image.get("faces").get(j);
                // The census's boxes went through its journal; a rounding there may move p_face a little.
                assertEquals(expected.get(j), face.get("p_face").asDouble(), 0.005, file + " face " + j);
                assertFalse(face.has("aligned"), "no aligned crops written without --aligned-crops: " + face);
                detectKept++;
            }
        }
        assertEquals(run.get("faces").asInt(), detectKept);
        assertEquals(rejected, detectRejected, "detect rejects what analyze rejected");
        assertEquals(2, DetectCommandTest.run("detect", collection.toString(), "--verifier-threshold", "0.5").exit(),
                "--verifier-threshold needs --verifier");
    }
}
