package org.facecensus.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpFetcherTest {
    private static final byte[] BODY = randomBytes(200_000);

    private LoopbackServer server;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(16).nextBytes(b);
        return b;
    }

    private static HttpFetcher.Builder quick() {
        return HttpFetcher.builder().backoff(Duration.ofMillis(20), Duration.ofMillis(100)).jitter(false);
    }

    @Test
    void fetchesAndChecksTheContentType() {
        server.route("/a.jpg", ex -> LoopbackServer.send(ex, 200, "image/jpeg", BODY));
        server.route("/page", ex -> LoopbackServer.send(ex, 200, "text/html; charset=utf-8", "<html>".getBytes()));
        try (HttpFetcher f = quick().build()) {
            Fetched ok = f.fetch(FetchRequest.of(server.url("/a.jpg")).expecting("image/"));
            assertEquals(200, ok.status());
            assertArrayEquals(BODY, ok.body());
            assertEquals("image/jpeg", ok.contentType().orElseThrow());
            assertFalse(ok.fromCache());

            HttpFetchException e = assertThrows(HttpFetchException.class,
                    () -> f.fetch(FetchRequest.of(server.url("/page")).expecting("image/*")));
            assertEquals(FailureReason.WRONG_CONTENT_TYPE, e.reason());
            assertEquals(1, e.attempts());
            assertTrue(e.getMessage().contains("text/html"), e.getMessage());
        }
    }

    @Test
    void notFoundIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        server.route("/gone", ex -> {
            calls.incrementAndGet();
            LoopbackServer.send(ex, 404, "text/plain", "no".getBytes());
        });
        try (HttpFetcher f = quick().build()) {
            HttpFetchException e = assertThrows(HttpFetchException.class, () -> f.fetch(server.url("/gone")));
            assertEquals(FailureReason.NOT_FOUND, e.reason());
            assertEquals(404, e.status().orElseThrow());
            assertEquals(1, calls.get());
        }
    }

    @Test
    void retriesServerErrorsThenSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        server.route("/flaky", ex -> {
            int n = calls.incrementAndGet();
            if (n <= 2) {
                LoopbackServer.send(ex, n == 1 ? 503 : 500, "text/plain", "busy".getBytes());
            } else {
                LoopbackServer.send(ex, 200, "application/json", "{}".getBytes());
            }
        });
        server.route("/down", ex -> LoopbackServer.send(ex, 502, "text/plain", "down".getBytes()));
        try (HttpFetcher f = quick().maxAttempts(3).build()) {
            Fetched ok = f.fetch(server.url("/flaky"));
            assertEquals(3, ok.attempts());
            assertEquals("{}", new String(ok.body()));
            HttpFetchException e = assertThrows(HttpFetchException.class, () -> f.fetch(server.url("/down")));
            assertEquals(FailureReason.SERVER_ERROR, e.reason());
            assertEquals(3, e.attempts());
            assertTrue(e.reason().transientFailure());
        }
    }

    @Test
    void honoursRetryAfterAndRefusesOneTooLong() {
        List<Long> times = Collections.synchronizedList(new ArrayList<>());
        server.route("/slowdown", ex -> {
            times.add(System.nanoTime());
            if (times.size() == 1) {
                ex.getResponseHeaders().set("Retry-After", "1");
                LoopbackServer.send(ex, 429, "text/plain", "slow down".getBytes());
            } else {
                LoopbackServer.send(ex, 200, "text/plain", "ok".getBytes());
            }
        });
        AtomicInteger calls = new AtomicInteger();
        server.route("/tomorrow", ex -> {
            calls.incrementAndGet();
            ex.getResponseHeaders().set("Retry-After", "86400");
            LoopbackServer.send(ex, 503, "text/plain", "maintenance".getBytes());
        });
        try (HttpFetcher f = quick().maxRetryAfter(Duration.ofSeconds(5)).build()) {
            assertEquals("ok", new String(f.fetch(server.url("/slowdown")).body()));
            // the backoff alone would have been 20 ms: the second request waited for the server's 1 s
            assertTrue(times.get(1) - times.get(0) >= 950_000_000L, "waited " + (times.get(1) - times.get(0)));
            HttpFetchException e = assertThrows(HttpFetchException.class, () -> f.fetch(server.url("/tomorrow")));
            assertEquals(FailureReason.SERVER_ERROR, e.reason());
            assertEquals(1, calls.get());
            assertTrue(e.getMessage().contains("Retry-After 86400"), e.getMessage());
        }
    }

    /** Declares the whole body, sends only {@code upTo} bytes of it from {@code from}, then drops the connection. */
    private static void sendCut(HttpExchange ex, byte[] body, int from, int upTo) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "image/jpeg");
        ex.getResponseHeaders().set("ETag", "\"v1\"");
        if (from > 0) {
            ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        }
        ex.sendResponseHeaders(from > 0 ? 206 : 200, body.length - from);
        OutputStream out = ex.getResponseBody();
        out.write(body, from, upTo - from);
        out.flush();
        if (upTo < body.length) {
            // an exception out of the handler makes the JDK server drop the connection: the client sees a short body
            throw new IOException("cut on purpose after " + upTo + " bytes");
        }
        out.close();
    }

    @Test
    void truncatedBodyIsDetected() {
        AtomicInteger calls = new AtomicInteger();
        server.route("/cut", ex -> {
            calls.incrementAndGet();
            sendCut(ex, BODY, 0, BODY.length / 2);
        });
        try (HttpFetcher f = quick().maxAttempts(2).build()) {
            HttpFetchException e = assertThrows(HttpFetchException.class, () -> f.fetch(server.url("/cut")));
            assertEquals(FailureReason.TRUNCATED, e.reason());
            assertEquals(2, calls.get());
            assertTrue(e.getMessage().contains("of " + BODY.length + " bytes"), e.getMessage());
        }
    }

    @Test
    void downloadResumesWithRange(@TempDir Path dir) throws IOException {
        List<String> ranges = Collections.synchronizedList(new ArrayList<>());
        List<String> ifRanges = Collections.synchronizedList(new ArrayList<>());
        int half = BODY.length / 2;
        server.route("/big.jpg", ex -> {
            String range = ex.getRequestHeaders().getFirst("Range");
            ranges.add(String.valueOf(range));
            ifRanges.add(String.valueOf(ex.getRequestHeaders().getFirst("If-Range")));
            if (range == null) {
                sendCut(ex, BODY, 0, half);
            } else {
                int from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
                sendCut(ex, BODY, from, BODY.length);
            }
        });
        Path target = dir.resolve("out/big.jpg");
        try (HttpFetcher f = quick().build()) {
            Downloaded d = f.download(FetchRequest.of(server.url("/big.jpg")).expecting("image/"), target);
            assertArrayEquals(BODY, Files.readAllBytes(target));
            assertEquals(half, d.resumedFrom());
            assertEquals(2, d.attempts());
            assertEquals(List.of("null", "bytes=" + half + "-"), ranges);
            assertEquals("\"v1\"", ifRanges.get(1));
            assertFalse(Files.exists(dir.resolve("out/big.jpg.part")));
        }
        // a .part left by a killed process is resumed by the next one
        Files.delete(target);
        Files.write(dir.resolve("out/big.jpg.part"), java.util.Arrays.copyOf(BODY, 1000));
        ranges.clear();
        try (HttpFetcher f = quick().build()) {
            Downloaded d = f.download(FetchRequest.of(server.url("/big.jpg")), target);
            assertEquals(1000, d.resumedFrom());
            assertEquals(List.of("bytes=1000-"), ranges);
            assertArrayEquals(BODY, Files.readAllBytes(target));
        }
    }

    @Test
    void tooLargeByHeaderAndByCount() {
        server.route("/big", ex -> LoopbackServer.send(ex, 200, "image/jpeg", BODY));
        server.route("/chunked", ex -> {
            ex.getResponseHeaders().set("Content-Type", "image/jpeg");
            ex.sendResponseHeaders(200, 0); // chunked: no length known up front
            try (OutputStream out = ex.getResponseBody()) {
                out.write(BODY);
            } catch (IOException clientHungUp) {
                // the client stops reading at the limit
            }
        });
        try (HttpFetcher f = quick().maxBodyBytes(100_000).build()) {
            HttpFetchException e = assertThrows(HttpFetchException.class, () -> f.fetch(server.url("/big")));
            assertEquals(FailureReason.TOO_LARGE, e.reason());
            HttpFetchException c = assertThrows(HttpFetchException.class, () -> f.fetch(server.url("/chunked")));
            assertEquals(FailureReason.TOO_LARGE, c.reason());
            // a per-request limit overrides the fetcher's
            assertEquals(BODY.length, f.fetch(FetchRequest.of(server.url("/big")).withMaxBodyBytes(1_000_000)).body().length);
        }
    }

    @Test
    void limitsConcurrencyPerHost() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        server.route("/slow", ex -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            LoopbackServer.send(ex, 200, "text/plain", "x".getBytes());
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (HttpFetcher f = quick().maxConcurrentPerHost(2).build()) {
            List<Future<Fetched>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                all.add(pool.submit(() -> f.fetch(server.url("/slow"))));
            }
            for (Future<Fetched> x : all) {
                assertEquals(200, x.get().status());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, most.get());
    }

    @Test
    void spacesRequestStartsPerHost() {
        List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        server.route("/tick", ex -> {
            starts.add(System.nanoTime());
            LoopbackServer.send(ex, 200, "text/plain", "x".getBytes());
        });
        try (HttpFetcher f = quick().minIntervalPerHost(Duration.ofMillis(200)).build()) {
            for (int i = 0; i < 4; i++) {
                f.fetch(server.url("/tick"));
            }
        }
        for (int i = 1; i < starts.size(); i++) {
            long gap = starts.get(i) - starts.get(i - 1);
            assertTrue(gap >= 180_000_000L, "gap " + gap / 1_000_000 + " ms between requests " + (i - 1) + " and " + i);
        }
    }

    @Test
    void honoursRobotsTxtFetchedOncePerHost() {
        AtomicInteger robotsCalls = new AtomicInteger();
        server.route("/robots.txt", ex -> {
            robotsCalls.incrementAndGet();
            LoopbackServer.send(ex, 200, "text/plain",
                    "User-agent: *\nDisallow: /\n\nUser-agent: FaceCensus\nDisallow: /*/private\nAllow: /\n".getBytes());
        });
        server.route("/public", ex -> LoopbackServer.send(ex, 200, "text/plain", "hi".getBytes()));
        server.route("/private", ex -> LoopbackServer.send(ex, 200, "text/plain", "secret".getBytes()));
        try (HttpFetcher f = quick().build()) {
            assertEquals("hi", new String(f.fetch(server.url("/public")).body()));
            HttpFetchException e = assertThrows(HttpFetchException.class, () -> f.fetch(server.url("/private")));
            assertEquals(FailureReason.ROBOTS_DISALLOWED, e.reason());
            assertEquals("hi", new String(f.fetch(server.url("/public")).body()));
        }
        assertEquals(1, robotsCalls.get());
        // another agent falls in the * group
        try (HttpFetcher f = quick().userAgent("OtherBot/1.0").build()) {
            assertEquals(FailureReason.ROBOTS_DISALLOWED,
                    assertThrows(HttpFetchException.class, () -> f.fetch(server.url("/public"))).reason());
        }
        try (HttpFetcher f = quick().userAgent("OtherBot/1.0").respectRobotsTxt(false).build()) {
            assertEquals("secret", new String(f.fetch(server.url("/private")).body()));
        }
    }

    @Test
    void cacheRevalidatesWithEtag(@TempDir Path dir) {
        AtomicInteger full = new AtomicInteger();
        AtomicInteger notModified = new AtomicInteger();
        server.route("/m.json", ex -> {
            if ("\"abc\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                ex.getResponseHeaders().set("ETag", "\"abc\"");
                ex.sendResponseHeaders(304, -1);
                return;
            }
            full.incrementAndGet();
            ex.getResponseHeaders().set("ETag", "\"abc\"");
            LoopbackServer.send(ex, 200, "application/ld+json", "{\"id\":1}".getBytes());
        });
        Path cache = dir.resolve("cache");
        try (HttpFetcher f = quick().cache(cache, CachePolicy.REVALIDATE).build()) {
            Fetched first = f.fetch(server.url("/m.json"));
            assertFalse(first.fromCache());
            Fetched second = f.fetch(server.url("/m.json"));
            assertTrue(second.fromCache());
            assertEquals("{\"id\":1}", new String(second.body()));
            assertEquals("application/ld+json", second.contentType().orElseThrow());
            assertEquals(1, full.get());
            assertEquals(1, notModified.get());
            Downloaded copy = f.download(FetchRequest.of(server.url("/m.json")), dir.resolve("copy.json"));
            assertTrue(copy.fromCache());
            assertEquals("{\"id\":1}", new String(readAll(dir.resolve("copy.json"))));
        }
        try (HttpFetcher f = quick().cache(cache, CachePolicy.PREFER_CACHED).build()) {
            Fetched offline = f.fetch(server.url("/m.json"));
            assertTrue(offline.fromCache());
            assertEquals(0, offline.attempts());
        }
        assertEquals(1, full.get());
        assertEquals(2, notModified.get());
    }

    private static byte[] readAll(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readTimeoutStopsAStalledBody() {
        server.route("/stall", ex -> {
            ex.getResponseHeaders().set("Content-Type", "image/jpeg");
            ex.sendResponseHeaders(200, BODY.length);
            OutputStream out = ex.getResponseBody();
            out.write(BODY, 0, 1000);
            out.flush();
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (HttpFetcher f = quick().maxAttempts(1).readTimeout(Duration.ofMillis(300)).build()) {
            long t0 = System.nanoTime();
            HttpFetchException e = assertThrows(HttpFetchException.class, () -> f.fetch(server.url("/stall")));
            assertEquals(FailureReason.TIMEOUT, e.reason(), e.getMessage());
            assertTrue(System.nanoTime() - t0 < 4_000_000_000L, "gave up before the server's 5 s stall ended");
        }
    }

    @Test
    void badUrlsAndConnectionFailures() throws IOException {
        try (HttpFetcher f = quick().maxAttempts(2).build()) {
            assertEquals(FailureReason.BAD_URL, assertThrows(HttpFetchException.class,
                    () -> f.fetch(java.net.URI.create("ftp://127.0.0.1/x"))).reason());
            int closedPort;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                closedPort = s.getLocalPort();
            }
            HttpFetchException e = assertThrows(HttpFetchException.class, () -> f.fetch(
                    java.net.URI.create("http://127.0.0.1:" + closedPort + "/x")));
            assertEquals(FailureReason.CONNECTION_FAILED, e.reason(), e.getMessage());
        }
    }
}
