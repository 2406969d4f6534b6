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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** A label as the page sends it: the card's face, position and stream. */
    private static String label(JsonNode card, String label) {
        return labelWith(card, label, ",\"position\":" + card.get("position").asInt() + ",\"stream\":\""
                + card.get("stream").asText() + "\"");
    }

    /** A label of the card's face with {@code extra} fields (each preceded by a comma), or none. */
    private static String labelWith(JsonNode card, String label, String extra) {
        return "{\"itemId\":" + JSON.valueToTree(card.get("itemId").asText()) + ",\"faceIndex\":"
                + card.get("faceIndex").asInt() + ",\"label\":\"" + label + "\"" + extra + "}";
    }

    private static FaceKey key(JsonNode card) {
        return new FaceKey(card.get("itemId").asText(), card.get("faceIndex").asInt());
    }

    private static List<String> faceIds(JsonNode undone) {
        List<String> ids = new ArrayList<>();
        undone.forEach(u -> ids.add(u.get("itemId").asText() + "#" + u.get("faceIndex").asInt()));
        return ids;
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
        assertEquals(List.of(all.get(1).get("faceId").asText(), all.get(2).get("faceId").asText()),
                faceIds(json(undo).get("undone")), "one undo takes back the whole batch one request labelled");
        assertEquals("male", json(undo).get("undone").get(0).get("label").asText());
        assertEquals(1, json(undo).get("progress").get("labelled").asInt());
        assertTrue(cards(1, 2).get(0).get("label").isNull());
        assertTrue(cards(1, 2).get(1).get("label").isNull());
        assertEquals("female", cards(0, 1).get(0).get("label").asText(), "the label before the batch stays");
        List<String> lines = Files.readAllLines(censusDir.resolve(LabelStore.FILE_NAME));
        assertEquals(5, lines.size(), "one undo line per label of the batch, appended: " + lines);
        assertTrue(lines.get(3).contains("\"undo\"") && lines.get(4).contains("\"undo\""), lines.toString());
        HttpResponse<byte[]> again = post("/api/undo", "");
        assertEquals(List.of(first.get("faceId").asText()), faceIds(json(again).get("undone")),
                "the next undo takes back the batch before: the single label");
        assertEquals(0, json(again).get("progress").get("labelled").asInt());
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
        assertError(400, "unknown stream 'random'", post("/api/labels", labelWith(card, "male", ",\"stream\":\"random\"")));
        assertError(400, "position must be a whole number", post("/api/labels", labelWith(card, "male", ",\"position\":\"0\"")));
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
    void theServerTakesTheStreamFromItsCardOrderNotFromTheClient() throws Exception {
        JsonNode all = cards(0, 500);
        Map<FaceKey, List<JsonNode>> byFace = new LinkedHashMap<>();
        all.forEach(c -> byFace.computeIfAbsent(key(c), k -> new ArrayList<>()).add(c));
        JsonNode active = onlyCard(byFace, "active");
        JsonNode audit = onlyCard(byFace, "audit");
        Path log = censusDir.resolve(LabelStore.FILE_NAME);
        byte[] before = Files.readAllBytes(log);

        int at = active.get("position").asInt();
        assertError(400, "is shown on card " + at + " (active), not an audit card",
                post("/api/labels", labelWith(active, "female", ",\"stream\":\"audit\"")));
        assertError(400, "not card " + at + " (audit)",
                post("/api/labels", labelWith(active, "female", ",\"position\":" + at + ",\"stream\":\"audit\"")));
        assertError(400, "not card " + audit.get("position").asInt(),
                post("/api/labels", labelWith(active, "female", ",\"position\":" + audit.get("position").asInt())));
        assertError(400, "not an audit card", post("/api/labels", "[" + label(audit, "male") + ","
                + labelWith(active, "female", ",\"stream\":\"audit\"") + "]"));
        assertArrayEquals(before, Files.readAllBytes(log), "a refused stream writes nothing, not even the good label");
        assertTrue(server.store().currentLabels().isEmpty());

        assertEquals(200, post("/api/labels", labelWith(active, "female", "")).statusCode());
        assertEquals(CardStream.ACTIVE, server.store().current(key(active)).orElseThrow().stream());
        JsonNode progress = json(post("/api/labels", labelWith(audit, "female", "")));
        assertEquals(CardStream.AUDIT, server.store().current(key(audit)).orElseThrow().stream(),
                "without a stream the card order's is recorded");
        assertEquals(1, progress.get("auditLabelled").asInt());
        assertEquals(1, progress.get("shareOfWomen").get("women").asInt(), "only the audit label is in the sample");
        assertTrue(Files.readString(log).contains("\"stream\":\"audit\""));
    }

    @Test
    void aFaceShownTwiceIsLabelledOnTheCardItsPositionNames() throws Exception {
        // 40 faces: enough for audit cards that come back to faces shown as active cards before.
        server.close();
        server = LabelServer.start(TestCensus.synthetic(dir.resolve("synthetic"), 10, 4), 0, CardOrder.DEFAULT_AUDIT_EVERY);
        JsonNode all = cards(0, 500);
        Map<FaceKey, List<JsonNode>> byFace = new LinkedHashMap<>();
        all.forEach(c -> byFace.computeIfAbsent(key(c), k -> new ArrayList<>()).add(c));
        List<JsonNode> twice = byFace.values().stream().filter(cs -> cs.size() == 2).findFirst()
                .orElseThrow(() -> new AssertionError("no face shown twice in " + all));
        JsonNode early = twice.get(0);
        JsonNode late = twice.get(1);
        assertEquals(List.of("active", "audit"), List.of(early.get("stream").asText(), late.get("stream").asText()));
        Path log = server.store().file();
        assertError(400, "shown twice, on card " + early.get("position").asInt() + " (active) and card "
                + late.get("position").asInt() + " (audit); say which", post("/api/labels", labelWith(early, "male", "")));
        assertEquals(0, Files.size(log), "an ambiguous label writes nothing");

        assertEquals(200, post("/api/labels", labelWith(early, "male", ",\"position\":" + early.get("position").asInt()))
                .statusCode());
        assertEquals(CardStream.ACTIVE, server.store().current(key(early)).orElseThrow().stream(),
                "labelled on its active card, the face is not in the audit sample yet");
        assertEquals(0, json(get("/api/progress")).get("auditLabelled").asInt());
        assertEquals(200, post("/api/labels", labelWith(late, "male", ",\"position\":" + late.get("position").asInt()))
                .statusCode());
        assertEquals(CardStream.AUDIT, server.store().current(key(late)).orElseThrow().stream());
        assertEquals(1, json(get("/api/progress")).get("auditLabelled").asInt());
        assertEquals(200, post("/api/labels", labelWith(early, "female", ",\"stream\":\"active\"")).statusCode());
        assertEquals(CardStream.ACTIVE, server.store().current(key(early)).orElseThrow().stream(),
                "a stream the face has a card of names that card");
    }

    @Test
    void eachCardCarriesTheVerifiersPFaceWhereTheCensusHasOne() throws Exception {
        server.close();
        Path census = TestCensus.synthetic(dir.resolve("verified"), 10, 4);
        // Faces 0-2 of each item judged by a verifier; face 3 not (as a face without an aligned crop).
        Map<FaceKey, Double> pFace = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 3; j++) {
                pFace.put(new FaceKey(String.format(java.util.Locale.ROOT, "item%05d", i), j), 0.5 + 0.15 * j + i / 100.0);
            }
        }
        TestCensus.setPFace(census, pFace);
        server = LabelServer.start(census, 0, CardOrder.DEFAULT_AUDIT_EVERY);
        JsonNode all = cards(0, 500);
        assertTrue(all.size() >= 40, all.toString());
        for (JsonNode card : all) {
            Double expected = pFace.get(key(card));
            if (expected == null) {
                assertTrue(card.get("pFace").isNull(), "no verifier judged it: " + card);
            } else {
                assertEquals(expected, card.get("pFace").asDouble(), 1e-9, card.toString());
            }
            assertTrue(card.get("probability").asDouble() >= 0.5, "the classifier's probability stays: " + card);
        }
    }

    /** The first card of a stream whose face has no other card. */
    private static JsonNode onlyCard(Map<FaceKey, List<JsonNode>> byFace, String stream) {
        return byFace.values().stream().filter(cs -> cs.size() == 1 && cs.get(0).get("stream").asText().equals(stream))
                .map(cs -> cs.get(0)).findFirst().orElseThrow(() -> new AssertionError("no " + stream + " face shown once"));
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
