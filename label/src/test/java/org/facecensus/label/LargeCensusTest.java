package org.facecensus.label;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 faces (a census folder written by the test: 2,500 items of 4 faces, tiny crops), labelled and
 * paged over HTTP: every face comes up once in the pages, every label is kept. Speed is measured by
 * the benchmarks module's {@code LabelServerBenchmark}, not here.
 */
class LargeCensusTest {
    private static final int ITEMS = 2500;
    private static final int FACES_PER_ITEM = 4;

    @TempDir
    Path dir;

    @Test
    void tenThousandFacesPageAndLabelOverHttp() throws Exception {
        Path census = TestCensus.synthetic(dir, ITEMS, FACES_PER_ITEM);
        try (LabelServer server = LabelServer.start(census, 0, 4)) {
            HttpClient http = HttpClient.newHttpClient();
            ObjectMapper json = new ObjectMapper();
            Set<String> seen = new HashSet<>();
            List<JsonNode> first = new ArrayList<>();
            int total = Integer.MAX_VALUE;
            for (int from = 0; from < total; from += 100) {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/api/cards?from=" + from + "&count=100")).header("X-Token", server.token()).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                JsonNode page = json.readTree(r.body());
                total = page.get("total").asInt();
                page.get("cards").forEach(c -> {
                    seen.add(c.get("faceId").asText());
                    if (first.size() < 200) {
                        first.add(c);
                    }
                });
            }
            assertEquals(ITEMS * FACES_PER_ITEM, seen.size(), "the pages show every face");
            // The first 200 cards, each named by its position and without a stream: the server looks the card up.
            Set<String> labelled = new HashSet<>();
            for (JsonNode card : first) {
                String body = String.format(Locale.ROOT, "{\"itemId\":\"%s\",\"faceIndex\":%d,\"position\":%d,\"label\":\"female\"}",
                        card.get("itemId").asText(), card.get("faceIndex").asInt(), card.get("position").asInt());
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/api/labels")).header("X-Token", server.token()).POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
                FaceKey face = new FaceKey(card.get("itemId").asText(), card.get("faceIndex").asInt());
                assertEquals(card.get("stream").asText(), server.store().current(face).orElseThrow().stream().word(),
                        "the stream of card " + card.get("position"));
                labelled.add(card.get("faceId").asText());
            }
            assertEquals(labelled.size(), server.store().currentLabels().size());
        }
    }
}
