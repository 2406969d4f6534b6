package org.facecensus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gender train → gender evaluate → classify on real UTKFace crops (a small subset), through Main.run. */
class GenderCommandTest {

    @Test
    void trainsEvaluatesAndClassifiesWithPerItemErrors(@TempDir Path dir) throws Exception {
        Path utk = DetectCommandTest.shared().resolve("utkface");
        List<String> lines = Files.readAllLines(utk.resolve("labels.csv"));
        // Every 25th row keeps both genders and all races (the file is grouped by them): ~120 train, ~35 test.
        List<String> rows = everyNthRow(utk, lines, 25);
        rows.add(utk.resolve("no-such-face.jpg") + ",train,female,30,White");
        rows.add(utk.resolve(lines.get(1).split(",")[0]) + ",train,alien,30,White");
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("labels.csv"), "file,split,gender,age,race\n" + String.join("\n", rows) + "\n");
        Path head = dir.resolve("head.json");
        String cache = dir.resolve("cache").toString();

        DetectCommandTest.Result train = DetectCommandTest.run("gender", "train", "--data", data.toString(), "--out",
                head.toString(), "--cache", cache, "--head", "logistic", "--seed", "3");
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("Trained logistic head on resnet-descriptor"), train.out());
        assertTrue(train.err().contains("no-such-face.jpg") && train.err().contains("not found"), train.err());
        assertTrue(train.err().contains("unknown gender 'alien'") && train.err().contains("line " + (rows.size() + 1)), train.err());
        JsonNode headJson = Json.MAPPER.readTree(head.toFile());
        assertEquals("facecensus-gender-head", headJson.get("format").asText());
        assertEquals(2, headJson.get("provenance").get("training_data").get("skipped").asInt());
        // The default backbone: both networks, each recorded with its own sha256, mirror-averaged.
        assertEquals("resnet-descriptor+faceapi-agegender-features", headJson.get("backbone").get("name").asText());
        assertEquals(2, headJson.get("backbone").get("models").size());
        assertEquals("faceapi-agegender", headJson.get("backbone").get("models").get(1).get("name").asText());
        assertEquals(64, headJson.get("backbone").get("models").get(1).get("sha256").asText().length());
        assertTrue(headJson.get("backbone").get("flip_average").asBoolean());
        assertEquals(640, headJson.get("backbone").get("feature_dimension").asInt());
        Path single = dir.resolve("single.json");
        DetectCommandTest.Result plain = DetectCommandTest.run("gender", "train", "--data", data.toString(), "--out",
                single.toString(), "--cache", cache, "--head", "logistic", "--backbone", "resnet-descriptor", "--no-flip");
        assertEquals(0, plain.exit(), plain.err());
        JsonNode singleJson = Json.MAPPER.readTree(single.toFile());
        assertEquals(1, singleJson.get("backbone").get("models").size());
        assertTrue(!singleJson.get("backbone").get("flip_average").asBoolean());
        assertEquals(2, DetectCommandTest.run("gender", "train", "--data", data.toString(), "--out", single.toString(),
                "--flip", "--no-flip").exit());

        Path evaluation = dir.resolve("eval.json");
        DetectCommandTest.Result eval = DetectCommandTest.run("gender", "evaluate", "--model", head.toString(), "--data",
                data.toString(), "--json", evaluation.toString(), "--cache", cache);
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().contains("Accuracy by race") && eval.out().contains("20-39"), eval.out());
        JsonNode e = Json.MAPPER.readTree(evaluation.toFile());
        JsonNode c = e.get("confusion");
        int total = 0;
        for (String t : List.of("female", "male")) {
            for (String p : List.of("female", "male", "unknown")) {
                total += c.get(t).get(p).asInt();
            }
        }
        assertEquals(e.get("faces").asInt(), total);
        assertTrue(e.get("classifier").asText().startsWith("transfer"));
        assertTrue(e.get("accuracy").get("estimate").asDouble() > 0.7, e.toString());
        assertTrue(e.get("models").toString().contains(headJson.get("backbone").get("models").get(0).get("sha256").asText()));

        Path face = utk.resolve(lines.get(2).split(",")[0]);
        Path bad = Files.writeString(dir.resolve("bad.jpg"), "not an image");
        Path photo = DetectCommandTest.shared().resolve("dlib-faces/2008_002470.jpg");
        DetectCommandTest.Result cls = DetectCommandTest.run("classify", "--model", head.toString(), face.toString(),
                bad.toString(), photo.toString());
        assertEquals(0, cls.exit(), cls.err());
        List<JsonNode> out = cls.lines();
        assertEquals(face.toString(), out.get(0).get("file").asText());
        assertTrue(List.of("male", "female", "unknown").contains(out.get(0).get("gender").asText()), out.get(0).toString());
        assertTrue(out.get(0).get("models").toString().contains("gender-head-logistic"));
        assertTrue(out.get(1).has("error"), out.get(1).toString());
        List<JsonNode> photoFaces = out.subList(2, out.size());
        assertTrue(photoFaces.size() >= 5, cls.out());
        for (JsonNode f : photoFaces) {
            assertEquals(4, f.get("box").size(), f.toString());
            double p = f.get("probability").asDouble();
            assertTrue(p >= 0.5 && p <= 1, f.toString());
        }

        assertEquals(2, DetectCommandTest.run("gender", "evaluate", "--data", data.toString()).exit());
    }

    @Test
    void trainsFisherfacesAndEvaluatesItThroughTheClassifierSpec(@TempDir Path dir) throws Exception {
        Path utk = DetectCommandTest.shared().resolve("utkface");
        // Every 10th row: ~290 train faces (Fisherfaces needs 25 of each gender), ~97 test faces.
        List<String> rows = everyNthRow(utk, Files.readAllLines(utk.resolve("labels.csv")), 10);
        Path bad = Files.writeString(dir.resolve("bad.jpg"), "not an image");
        rows.add(bad + ",train,female,30,White");
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("labels.csv"), "file,split,gender,age,race\n" + String.join("\n", rows) + "\n");
        Path model = dir.resolve("model.yml");

        DetectCommandTest.Result train = DetectCommandTest.run("gender", "train", "--head", "fisherfaces", "--data",
                data.toString(), "--out", model.toString(), "--data-licence", "UTKFace: non-commercial research only");
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("Trained fisherfaces on"), train.out());
        assertTrue(train.err().contains("bad.jpg") && train.err().contains("1 labelled item(s) skipped"), train.err());
        JsonNode sidecar = Json.MAPPER.readTree(dir.resolve("model.yml.json").toFile());
        assertEquals("fisherfaces", sidecar.get("classifier").asText());
        assertEquals(1, sidecar.get("training").get("skipped").asInt());
        assertEquals("UTKFace: non-commercial research only", sidecar.get("training").get("licence").asText());
        long trainRows = rows.stream().filter(r -> r.contains(",train,")).count();
        assertEquals(trainRows - 1, sidecar.get("training").get("faces").asInt());

        Path evaluation = dir.resolve("eval.json");
        DetectCommandTest.Result eval = DetectCommandTest.run("gender", "evaluate", "--classifier", model.toString(),
                "--data", data.toString(), "--json", evaluation.toString());
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().contains("Classifier fisherfaces") && eval.out().contains("Accuracy by race"), eval.out());
        JsonNode e = Json.MAPPER.readTree(evaluation.toFile());
        assertEquals(rows.size() - trainRows, e.get("faces").asInt());
        // Fisherfaces on ~290 faces; the full train split measures 0.776 on UTKFace test (BASELINES.md).
        assertTrue(e.get("accuracy").get("estimate").asDouble() > 0.6, e.get("accuracy").toString());
        assertTrue(e.get("models").toString().contains(sidecar.get("modelFile").get("sha256").asText()));
    }

    /** Every {@code step}-th row of UTKFace's labels.csv lines, with absolute file paths. */
    private static List<String> everyNthRow(Path utk, List<String> lines, int step) {
        List<String> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i += step) {
            String[] f = lines.get(i).split(",");
            rows.add(utk.resolve(f[0]) + "," + f[1] + "," + f[2] + "," + f[3] + "," + f[4]);
        }
        return rows;
    }
}
