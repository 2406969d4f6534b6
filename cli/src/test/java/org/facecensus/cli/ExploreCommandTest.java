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
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import org.facecensus.label.CensusFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** facecensus explore: serves a real census until interrupted; a bad option is refused with what to do. */
class ExploreCommandTest {

    @Test
    void servesTheFiguresUntilInterrupted(@TempDir Path dir) throws Exception {
        Path census = LabelCommandTest.census(dir);
        PipedInputStream pipe = new PipedInputStream();
        PrintWriter out = new PrintWriter(new PipedOutputStream(pipe), true);
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread serving = new Thread(() -> exit.complete(Main.run(out, new PrintWriter(err, true), "explore",
                census.toString(), "--bootstrap-samples", "100")));
        serving.start();
        String url = new BufferedReader(new InputStreamReader(pipe, StandardCharsets.UTF_8)).readLine();
        assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/\\?token=[A-Za-z0-9_-]{22}"), url);
        String token = url.substring(url.indexOf("token=") + 6);
        HttpResponse<String> figures = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url.substring(0, url.indexOf("/?")) + "/api/figures")).header("X-Token", token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, figures.statusCode());
        JsonNode f = Json.MAPPER.readTree(figures.body());
        assertEquals(CensusFolder.read(census).faces().size(), f.path("totals").path("faces").asInt());
        assertTrue(f.path("prominence").path("overall").path("itemsMeasured").asInt() > 0,
                "the census recorded its image sizes: " + f.path("prominence"));
        serving.interrupt();
        assertEquals(1, exit.get(), "interrupted, the command stops: " + err);
        assertTrue(err.toString().contains("exploring"), err.toString());
    }

    @Test
    void refusesABadPort() {
        DetectCommandTest.Result r = DetectCommandTest.run("explore", "somewhere", "--port", "70000");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--port must be 0-65535"), r.err());
    }
}
