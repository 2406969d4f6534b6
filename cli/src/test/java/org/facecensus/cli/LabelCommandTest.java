package org.facecensus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import org.facecensus.census.Census;
import org.facecensus.label.CardStream;
import org.facecensus.label.CensusFace;
import org.facecensus.label.CensusFolder;
import org.facecensus.label.Label;
import org.facecensus.label.LabelEntry;
import org.facecensus.label.LabelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** facecensus label: serve a census, export its labels, and gender evaluate reads the export. */
class LabelCommandTest {

    static Path census(Path dir) throws Exception {
        Path collection = Files.createDirectories(dir.resolve("photos"));
        for (String photo : List.of("2008_002470.jpg", "2008_001322.jpg", "2008_007676.jpg")) {
            Files.copy(DetectCommandTest.shared().resolve("dlib-faces").resolve(photo), collection.resolve(photo));
        }
        Path out = dir.resolve("census");
        Census.of(collection).out(out).threads(2).run();
        return out;
    }

    @Test
    void exportedLabelsAreReadByGenderEvaluate(@TempDir Path dir) throws Exception {
        Path census = census(dir);
        CensusFolder folder = CensusFolder.read(census);
        List<LabelEntry> labels = new ArrayList<>();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        List<CensusFace> faces = folder.faces();
        for (int i = 0; i < faces.size(); i++) {
            CensusFace f = faces.get(i);
            // The classifier's answer as the label, except one face marked unknown and one not a face.
            Label label = i == 0 ? Label.UNKNOWN : i == 1 ? Label.NOT_A_FACE
                    : f.gender().equals("female") ? Label.FEMALE : Label.MALE;
            labels.add(new LabelEntry(f.key(), f.cropSha256(), label, CardStream.AUDIT, now));
        }
        try (LabelStore store = LabelStore.open(folder)) {
            store.append(labels);
        }
        Path data = Files.createDirectories(dir.resolve("data"));
        DetectCommandTest.Result export = DetectCommandTest.run("label", "export", census.toString(), "--out",
                data.resolve("labels.csv").toString());
        assertEquals(0, export.exit(), export.err());
        List<String> rows = Files.readAllLines(data.resolve("labels.csv"));
        assertEquals("file,gender,split,style,tags,decade", rows.get(0));
        assertEquals(faces.size() - 2 + 1, rows.size(), "unknown and not_a_face are not exported: " + rows);
        assertTrue(rows.get(1).startsWith("../census/crops/"), rows.get(1));
        long test = rows.stream().filter(r -> r.contains(",test,")).count();
        assertTrue(export.err().contains((rows.size() - 1 - test) + " train, " + test + " test; 2 labelled"), export.err());

        DetectCommandTest.Result eval = DetectCommandTest.run("gender", "evaluate", "--classifier", "faceapi-agegender",
                "--data", data.toString(), "--split", "train");
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().contains("Classifier faceapi-agegender on " + (rows.size() - 1 - test) + " faces"), eval.out());
        assertTrue(eval.out().contains("Accuracy by style"), "the groups are read: " + eval.out());
        assertTrue(!eval.err().contains("skipped"), "every exported row is readable: " + eval.err());
        // The labels are the classifier's own answers: it agrees with every face.
        assertTrue(eval.out().contains("accuracy (decided faces)       1.0000"), eval.out());
    }

    @Test
    void servesUntilInterruptedAndPrintsTheAddress(@TempDir Path dir) throws Exception {
        Path census = census(dir);
        PipedInputStream pipe = new PipedInputStream();
        PrintWriter out = new PrintWriter(new PipedOutputStream(pipe), true);
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread serving = new Thread(() -> exit.complete(Main.run(out, new PrintWriter(err, true), "label", census.toString(), "--open")));
        serving.start();
        String url = new BufferedReader(new InputStreamReader(pipe, StandardCharsets.UTF_8)).readLine();
        assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/\\?token=[A-Za-z0-9_-]{22}"), url);
        String token = url.substring(url.indexOf("token=") + 6);
        HttpResponse<String> progress = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url.substring(0, url.indexOf("/?")) + "/api/progress")).header("X-Token", token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, progress.statusCode());
        JsonNode p = Json.MAPPER.readTree(progress.body());
        assertEquals(CensusFolder.read(census).faces().size(), p.get("total").asInt());
        serving.interrupt();
        assertEquals(1, exit.get(), "interrupted, the command stops: " + err);
        assertTrue(err.toString().contains("browser"), err.toString());
    }
}
