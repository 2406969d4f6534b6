package org.facecensus.label;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The label server over real HTTP on a real census. */
class LabelServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private Path censusDir;
    private LabelServer server;

    @BeforeEach
    void start() {
        censusDir = TestCensus.copy(dir);
        server = LabelServer.start(censusDir, 0, CardOrder.DEFAULT_AUDIT_EVERY);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("X-Token", server.token()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("X-Token", server.token())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static String label(JsonNode card, String label) {
        return "{\"itemId\":" + JSON.valueToTree(card.get("itemId").asText()) + ",\"faceIndex\":"
                + card.get("faceIndex").asInt() + ",\"label\":\"" + label + "\",\"stream\":\"" + card.get("stream").asText() + "\"}";
    }

    private JsonNode cards(int from, int count) throws Exception {
        HttpResponse<byte[]> r = get("/api/cards?from=" + from + "&count=" + count);
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        return json(r).get("cards");
    }

    @Test
    void labelsUndoesPagesAndCountsOverHttp() throws Exception {
        int faces = CensusFolder.read(censusDir).faces().size();
        JsonNode progress = json(get("/api/progress"));
        assertEquals(faces, progress.get("total").asInt());
        assertEquals(0, progress.get("labelled").asInt());
        assertTrue(progress.get("shareOfWomen").isNull());

        JsonNode all = cards(0, 500);
        assertTrue(all.size() >= faces);
        List<JsonNode> paged = new ArrayList<>();
        for (int from = 0; from < all.size(); from += 4) {
            cards(from, 4).forEach(paged::add);
        }
        assertEquals(List.copyOf(iterable(all)), paged, "pages of 4 are the whole order in pieces");
        JsonNode first = all.get(0);
        assertEquals("audit", first.get("stream").asText());
        assertEquals("active", all.get(1).get("stream").asText());
        assertTrue(first.get("box").get("width").asDouble() > 0);
        assertTrue(first.get("label").isNull());

        JsonNode afterOne = json(post("/api/labels", label(first, "female")));
        assertEquals(1, afterOne.get("labelled").asInt());
        assertEquals(1, afterOne.get("auditLabelled").asInt());
        assertEquals(1, afterOne.get("counts").get("female").asInt());
        assertEquals(1.0, afterOne.get("shareOfWomen").get("estimate").asDouble());
        assertTrue(afterOne.get("shareOfWomen").get("low").asDouble() < 0.5, "Wilson's interval is wide for n=1");

        String grid = "[" + label(all.get(1), "male") + "," + label(all.get(2), "not_a_face") + "]";
        JsonNode afterGrid = json(post("/api/labels", grid));
        assertEquals(3, afterGrid.get("labelled").asInt());
        assertEquals(1, afterGrid.get("auditLabelled").asInt(), "active labels do not enter the audit sample");
        assertEquals("male", cards(1, 1).get(0).get("label").asText());

        HttpResponse<byte[]> undo = post("/api/undo", "");
        assertEquals(200, undo.statusCode());
        assertEquals(all.get(2).get("faceId").asText(),
                json(undo).get("undone").get("itemId").asText() + "#" + json(undo).get("undone").get("faceIndex").asInt());
        assertEquals(2, json(undo).get("progress").get("labelled").asInt());
        assertTrue(cards(2, 1).get(0).get("label").isNull());
        assertEquals(4, Files.readAllLines(censusDir.resolve(LabelStore.FILE_NAME)).size());
        post("/api/undo", "");
        post("/api/undo", "");
        HttpResponse<byte[]> nothing = post("/api/undo", "");
        assertEquals(409, nothing.statusCode());
        assertTrue(json(nothing).get("error").asText().contains("no label to undo"));
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    @Test
    void cropsAndArtworksAreTheCensusFilesByteForByte() throws Exception {
        CensusFolder census = CensusFolder.read(censusDir);
        for (CensusFace f : census.faces()) {
            String item = URLEncoder.encode(f.key().itemId(), StandardCharsets.UTF_8);
            HttpResponse<byte[]> crop = get("/api/crop/" + item + "/" + f.key().faceIndex());
            assertEquals(200, crop.statusCode());
            assertEquals("image/jpeg", crop.headers().firstValue("Content-Type").orElseThrow());
            assertArrayEquals(Files.readAllBytes(f.crop()), crop.body());
            HttpResponse<byte[]> art = get("/api/artwork/" + item);
            assertEquals(200, art.statusCode());
            assertEquals("image/jpeg", art.headers().firstValue("Content-Type").orElseThrow());
            assertArrayEquals(Files.readAllBytes(census.artwork(f.key().itemId()).orElseThrow()), art.body());
        }
        // The token as a query parameter, as <img src> sends it.
        CensusFace f = census.faces().get(0);
        HttpResponse<byte[]> viaQuery = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/crop/"
                + f.key().itemId() + "/" + f.key().faceIndex() + "?token=" + server.token())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, viaQuery.statusCode());
        HttpResponse<byte[]> page = http.send(HttpRequest.newBuilder(URI.create(server.url())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, page.statusCode());
        assertTrue(new String(page.body(), StandardCharsets.UTF_8).contains("id=\"progress\""));
        assertTrue(page.headers().firstValue("Content-Security-Policy").isPresent());
    }

    @Test
    void everyBadRequestIsAClearClientErrorAndWritesNothing() throws Exception {
        JsonNode card = cards(0, 1).get(0);
        assertEquals(200, post("/api/labels", label(card, "male")).statusCode());
        Path log = censusDir.resolve(LabelStore.FILE_NAME);
        byte[] before = Files.readAllBytes(log);
        String item = card.get("itemId").asText();

        HttpResponse<byte[]> noToken = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/progress")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertError(401, "no token", noToken);
        HttpResponse<byte[]> wrongToken = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/labels"))
                .header("X-Token", "x" + server.token()).POST(HttpRequest.BodyPublishers.ofString(label(card, "female")))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertError(401, "wrong token", wrongToken);
        assertError(401, "wrong token", http.send(HttpRequest.newBuilder(URI.create(base() + "/api/crop/" + item
                + "/0?token=guess")).build(), HttpResponse.BodyHandlers.ofByteArray()));

        assertError(404, "no face", get("/api/crop/" + item + "/99"));
        assertError(404, "no face", get("/api/crop/no-such-item/0"));
        assertError(404, "no item", get("/api/artwork/no-such-item"));
        assertError(404, "no such API path", get("/api/crop/../../run.json"));
        assertError(404, "no item", get("/api/artwork/..%2F..%2Frun.json"));
        assertError(404, "no item", get("/api/artwork/%2e%2e"));
        assertError(404, "no item", get("/api/artwork/%2Fetc%2Fpasswd"));
        assertError(404, "no face", get("/api/crop/%2E%2E%2Fcensus/0"));
        assertError(404, "no API", get("/api/run.json"));
        assertError(404, "no page", get("/run.json"));

        assertError(413, "larger than 64 KB", post("/api/labels", "[" + "1,".repeat(512 * 1024) + "1]"));
        assertError(400, "not valid JSON", post("/api/labels", "{\"itemId\": \"" + item + "\", "));
        assertError(400, "unknown label 'woman'", post("/api/labels", label(card, "woman")));
        assertError(400, "unknown label 'undo'", post("/api/labels", label(card, "undo")));
        assertError(400, "unknown stream", post("/api/labels", label(card, "male").replace("\"stream\"", "\"s\"")));
        assertError(400, "faceIndex", post("/api/labels", "{\"itemId\":\"" + item + "\",\"faceIndex\":\"0\",\"label\":\"male\",\"stream\":\"audit\"}"));
        assertError(404, "no face", post("/api/labels", "[" + label(card, "female") + ","
                + label(card, "female").replace(item, "no-such-item") + "]"));
        assertError(400, "count", get("/api/cards?from=0&count=100000"));
        assertError(400, "whole number", get("/api/cards?from=abc"));
        assertError(405, "use POST", get("/api/labels"));

        // The Host header is set by hand: HttpClient forbids setting it.
        String foreign = raw("GET /api/progress?token=" + server.token() + " HTTP/1.1\r\nHost: evil.example:" + server.port()
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(foreign.startsWith("HTTP/1.1 403"), foreign);
        assertTrue(foreign.contains("\"error\"") && foreign.contains("evil.example"), foreign);
        String foreignPost = raw("POST /api/labels?token=" + server.token() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Length: " + label(card, "female").length() + "\r\nConnection: close\r\n\r\n" + label(card, "female"));
        assertTrue(foreignPost.startsWith("HTTP/1.1 403"), "no port is a foreign host too: " + foreignPost);
        String traversal = raw("GET /api/artwork/../../../../etc/passwd?token=" + server.token() + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + server.port() + "\r\nConnection: close\r\n\r\n");
        assertTrue(traversal.startsWith("HTTP/1.1 404"), traversal);
        String localhost = raw("GET /api/progress?token=" + server.token() + " HTTP/1.1\r\nHost: localhost:" + server.port()
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(localhost.startsWith("HTTP/1.1 200"), localhost);
        assertFalse(localhost.toLowerCase().contains("access-control-allow-origin"), "no CORS headers: " + localhost);

        assertArrayEquals(before, Files.readAllBytes(log), "no refused request wrote anything");
    }

    private static void assertError(int status, String says, HttpResponse<byte[]> response) throws IOException {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.statusCode(), body);
        assertTrue(json(response).get("error").asText().contains(says), body);
        assertTrue(response.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void twoTabsLabellingAtOnceLoseNothing() throws Exception {
        JsonNode all = cards(0, 500);
        int tabs = 8;
        int each = 5;
        ExecutorService pool = Executors.newFixedThreadPool(tabs);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int t = 0; t < tabs; t++) {
                int tab = t;
                statuses.add(pool.submit(() -> {
                    go.await();
                    int ok = 0;
                    for (int i = 0; i < each; i++) {
                        JsonNode card = all.get((tab * each + i) % all.size());
                        ok += post("/api/labels", label(card, i % 2 == 0 ? "female" : "male")).statusCode() == 200 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            go.countDown();
            for (Future<Integer> s : statuses) {
                assertEquals(each, s.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(tabs * each, Files.readAllLines(censusDir.resolve(LabelStore.FILE_NAME)).size());
    }

    @Test
    void listensOnLoopbackWithAFreshTokenAndClosesOnce() {
        assertTrue(server.url().matches("http://127\\.0\\.0\\.1:\\d+/\\?token=[A-Za-z0-9_-]{22}"), server.url());
        try (LabelServer other = LabelServer.start(TestCensus.copy(dir.resolve("other")), 0, 4)) {
            assertNotEquals(server.token(), other.token());
            assertNotEquals(server.port(), other.port());
        }
        server.close();
        server.close();
    }
}
