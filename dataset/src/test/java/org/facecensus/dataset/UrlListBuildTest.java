package org.facecensus.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.facecensus.FaceCensus;
import org.facecensus.dataset.manifest.Manifest;
import org.facecensus.dataset.manifest.ManifestRow;
import org.facecensus.dataset.source.UrlListSource;
import org.facecensus.http.HttpFetcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dataset build} from a URL list served by a loopback server started here (never the internet): real UTKFace
 * photos, one listed twice under two URLs, and every kind of bad row: a 404, an HTML page where an image was
 * promised, a body cut short of its Content-Length, a path robots.txt forbids, a row that is no URL. Each bad row is
 * its own {@code not-downloaded} row with its reason and the build goes on; a second build downloads nothing again.
 */
class UrlListBuildTest {
    private static final String[] FACES = {
        "train/25_1_3_20170119172134400.jpg.chip.jpg", "train/22_1_3_20170104231657849.jpg.chip.jpg",
        "train/26_0_3_20170105175308269.jpg.chip.jpg"};

    @TempDir
    Path tmp;

    @Test
    void aUrlListIsDownloadedAndEachBadRowGetsItsReason() throws IOException {
        Path utk = TestData.data("utkface");
        AtomicInteger imageRequests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/robots.txt")) {
                send(exchange, 200, "text/plain", "User-agent: *\nDisallow: /private/\n".getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/img/") || path.startsWith("/again/") || path.startsWith("/private/")) {
                imageRequests.incrementAndGet();
                int i = Integer.parseInt(path.replaceAll("\\D", ""));
                send(exchange, 200, "image/jpeg", Files.readAllBytes(utk.resolve(FACES[i])));
            } else if (path.equals("/page.jpg")) {
                send(exchange, 200, "text/html", "<html>not an image</html>".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/cut.jpg")) {
                byte[] jpeg = Files.readAllBytes(utk.resolve(FACES[0]));
                exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
                exchange.sendResponseHeaders(200, jpeg.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jpeg, 0, jpeg.length / 2);
                } catch (IOException closedEarly) {
                    // the server closes the exchange short of its length: the client must call that truncated
                }
                exchange.close();
            } else {
                send(exchange, 404, "text/plain", "no such image".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Path list = tmp.resolve("urls.csv");
            Files.writeString(list, String.join("\n", "url,title",
                    base + "/img/0.jpg,first woman", base + "/img/1.jpg,second woman", base + "/img/2.jpg,a man",
                    base + "/again/0.jpg,the first woman again", base + "/missing.jpg,gone",
                    base + "/page.jpg,an html page", base + "/cut.jpg,cut short", base + "/private/1.jpg,forbidden",
                    "not a url,typo") + "\n");
            Path out = tmp.resolve("out");
            List<ManifestRow> rows = build(list, out);
            Map<String, String> byOrigin = rows.stream().collect(Collectors.toMap(ManifestRow::origin,
                    r -> r.kept() ? "kept" : r.reason() + " " + r.detail(), (a, b) -> a + " | " + b, TreeMap::new));
            byOrigin.forEach((k, v) -> System.out.println(k + " -> " + v));
            assertEquals("kept", byOrigin.get(base + "/img/0.jpg"));
            assertEquals("kept", byOrigin.get(base + "/img/1.jpg"));
            assertEquals("kept", byOrigin.get(base + "/img/2.jpg"));
            assertTrue(byOrigin.get(base + "/again/0.jpg").startsWith("duplicate"), byOrigin.toString());
            assertTrue(byOrigin.get(base + "/missing.jpg").startsWith("not-downloaded NOT_FOUND"), byOrigin.toString());
            assertTrue(byOrigin.get(base + "/page.jpg").startsWith("not-downloaded WRONG_CONTENT_TYPE"),
                    byOrigin.toString());
            // the JDK's test server keeps the connection open short of its Content-Length: a stalled body
            assertTrue(byOrigin.get(base + "/cut.jpg").matches("not-downloaded (TRUNCATED|TIMEOUT|CONNECTION_FAILED).*"),
                    byOrigin.toString());
            assertTrue(byOrigin.get(base + "/private/1.jpg").startsWith("not-downloaded ROBOTS_DISALLOWED"),
                    byOrigin.toString());
            assertTrue(byOrigin.get("not a url").startsWith("not-downloaded BAD_URL"), byOrigin.toString());
            assertEquals(9, byOrigin.size(), "one row per listed URL");
            int requests = imageRequests.get();
            assertEquals(4, requests, "each good image downloaded once (the robots-forbidden one never)");

            // the same command again resumes: nothing is downloaded or analysed again
            assertEquals(rows, build(list, out));
            assertEquals(requests, imageRequests.get());
        } finally {
            server.stop(0);
        }
    }

    private static List<ManifestRow> build(Path list, Path out) {
        FaceCensus census = FaceCensus.defaults();
        try (HttpFetcher http = HttpFetcher.builder().maxAttempts(1).readTimeout(java.time.Duration.ofSeconds(2))
                .build()) {
            DatasetBuild.builder().source(new UrlListSource(list, http, out.resolve("downloads"), 10_000_000))
                    .out(out).size(64).keep(Keep.ANY)
                    .analyzer(census.analyzer().detector("blazeface-front").landmarks("landmark68-net"))
                    .classifier("none").minFace(64).build().run();
        }
        return Manifest.read(out);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
