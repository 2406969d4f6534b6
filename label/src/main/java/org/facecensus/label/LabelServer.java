package org.facecensus.label;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.facecensus.FaceCensusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The labelling web app of one census, on {@code 127.0.0.1} only: the page, and a JSON API under
 * {@code /api/} that needs this launch's random token (query parameter {@code token} or header
 * {@code X-Token}).
 *
 * <p>What it refuses, each with {@code {"error": ...}} and nothing written: a {@code Host} other than
 * {@code 127.0.0.1:PORT} or {@code localhost:PORT} (403: a web page that rebinds its own name to
 * 127.0.0.1 cannot talk to us), a missing or wrong token (401), bodies over 64 KB (413), malformed
 * JSON, an unknown label, or a card position or stream that is not the face's in this server's card
 * order (400: the stream a label is stored with is never the client's word), an unknown face, item or
 * path (404). Crops and artworks are found by looking the face or item up in the census tables; no
 * file path is ever built from the URL (the JDK's server has already decoded {@code %2e%2e} to dots
 * by the time a handler sees the path). No CORS headers are sent, so other origins cannot read answers.
 *
 * <p>Thread-safety: thread-safe; requests run on a small pool, writes are serialised by the
 * {@link LabelStore}. {@link #close} may be called more than once, from any thread.
 */
public final class LabelServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LabelServer.class);
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";
    private static final String WEB = "/org/facecensus/label/web/";
    /** The page's files: the only names outside /api/ that are answered. */
    private static final Map<String, String> PAGE_FILES = Map.of(
            "/", "index.html", "/index.html", "index.html", "/app.js", "app.js", "/style.css", "style.css");

    private final HttpServer server;
    private final ExecutorService pool;
    private final LabelStore store;
    private final LabelApi api;
    private final String token;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LabelServer(HttpServer server, ExecutorService pool, LabelStore store, LabelApi api, String token) {
        this.server = server;
        this.pool = pool;
        this.store = store;
        this.api = api;
        this.token = token;
        this.port = server.getAddress().getPort();
    }

    /**
     * Opens the census's label log and starts serving.
     *
     * @param censusDir  the census folder ({@code facecensus analyze --out})
     * @param port       the port on 127.0.0.1; 0 for any free one
     * @param auditEvery every k-th card is an audit card ({@link CardOrder#DEFAULT_AUDIT_EVERY})
     */
    public static LabelServer start(Path censusDir, int port, int auditEvery) {
        CensusFolder census = CensusFolder.read(censusDir);
        CardOrder order = CardOrder.of(census.faces(), CardOrder.seedOf(census), auditEvery);
        LabelStore store = LabelStore.open(census);
        // The JDK server writes headers and body separately; with Nagle's algorithm and delayed ACKs each
        // answer then waits ~40 ms. Read once, when the JDK's server first starts, so set before that.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "facecensus-label-http");
                t.setDaemon(true);
                return t;
            });
            byte[] secret = new byte[16];
            new SecureRandom().nextBytes(secret);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            LabelServer label = new LabelServer(server, pool, store, new LabelApi(census, order, store,
                    Clock.systemUTC()), token);
            server.createContext("/", label::handle);
            server.setExecutor(pool);
            server.start();
            return label;
        } catch (IOException e) {
            store.close();
            throw new FaceCensusException("Cannot listen on 127.0.0.1:" + port + ": " + e.getMessage()
                    + "; choose another --port, or 0 for any free one.", e);
        }
    }

    /** The page's address with this launch's token: {@code http://127.0.0.1:PORT/?token=...}. */
    public String url() {
        return "http://127.0.0.1:" + port + "/?token=" + token;
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** This launch's token (128 random bits, URL-safe base64). */
    public String token() {
        return token;
    }

    /** The label log it writes. */
    public LabelStore store() {
        return store;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (ApiException e) {
                HttpIo.sendError(exchange, e.status(), e.getMessage());
            } catch (FaceCensusException | IllegalArgumentException e) {
                LOG.warn("label request {} failed: {}", exchange.getRequestURI().getRawPath(), e.getMessage());
                HttpIo.sendError(exchange, 500, e.getMessage());
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !(host.equalsIgnoreCase("127.0.0.1:" + port) || host.equalsIgnoreCase("localhost:" + port))) {
            throw new ApiException(403, "Host '" + host + "' is not this server; open " + "http://127.0.0.1:" + port + "/");
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        // The raw path: segments are decoded one by one below and used only as lookup keys.
        String path = exchange.getRequestURI().getRawPath();
        if (!path.startsWith("/api/")) {
            servePage(exchange, method, path);
            return;
        }
        checkToken(exchange);
        List<String> parts = List.of(path.substring("/api/".length()).split("/", -1));
        String resource = parts.get(0);
        switch (resource) {
            case "progress" -> {
                expect(method, "GET", parts, 1);
                HttpIo.sendJson(exchange, 200, api.progress());
            }
            case "cards" -> {
                expect(method, "GET", parts, 1);
                HttpIo.sendJson(exchange, 200, api.cards(HttpIo.query(exchange)));
            }
            case "labels" -> {
                expect(method, "POST", parts, 1);
                HttpIo.sendJson(exchange, 200, api.label(HttpIo.body(exchange)));
            }
            case "undo" -> {
                expect(method, "POST", parts, 1);
                HttpIo.body(exchange);
                HttpIo.sendJson(exchange, 200, api.undo());
            }
            case "crop" -> {
                expect(method, "GET", parts, 3);
                CensusFace face = api.face(HttpIo.decode(parts.get(1)), HttpIo.decode(parts.get(2)));
                if (face.crop() == null) {
                    throw ApiException.notFound("face " + face.key() + " has no crop in the census");
                }
                HttpIo.send(exchange, 200, "image/jpeg", read(face.crop()));
            }
            case "artwork" -> {
                expect(method, "GET", parts, 2);
                String itemId = HttpIo.decode(parts.get(1));
                api.census().item(itemId).orElseThrow(() -> ApiException.notFound("no item '" + itemId + "' in this census"));
                Path file = api.census().artwork(itemId).orElseThrow(() -> ApiException.notFound("the image of item '"
                        + itemId + "' is not in the collection folder " + api.census().collection() + " (moved?)"));
                HttpIo.send(exchange, 200, contentType(file), read(file));
            }
            default -> throw ApiException.notFound("no API " + path + "; see the README's 'Labelling your collection'");
        }
    }

    private static void expect(String method, String wanted, List<String> parts, int segments) {
        if (parts.size() != segments || parts.stream().anyMatch(String::isEmpty)) {
            throw ApiException.notFound("no such API path: /api/" + String.join("/", parts));
        }
        if (!method.equals(wanted) && !(wanted.equals("GET") && method.equals("HEAD"))) {
            throw new ApiException(405, "use " + wanted + " for /api/" + parts.get(0) + ", not " + method);
        }
    }

    private void checkToken(HttpExchange exchange) {
        String given = exchange.getRequestHeaders().getFirst("X-Token");
        if (given == null) {
            given = HttpIo.query(exchange).get("token");
        }
        // Compared in constant time: the answer's timing says nothing about how much of a guess was right.
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, given == null ? "no token: open the address 'facecensus label' printed"
                    : "wrong token: this server was started again; open the address it printed now");
        }
    }

    private static void servePage(HttpExchange exchange, String method, String path) throws IOException {
        String name = PAGE_FILES.get(path);
        if (name == null) {
            throw ApiException.notFound("no page " + path);
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new ApiException(405, "use GET for " + path);
        }
        byte[] bytes;
        try (InputStream in = LabelServer.class.getResourceAsStream(WEB + name)) {
            if (in == null) {
                throw new FaceCensusException("the page file " + name + " is missing from the facecensus-label jar");
            }
            bytes = in.readAllBytes();
        }
        String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                : name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
        exchange.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'self'; img-src 'self' blob: data:; frame-ancestors 'none'");
        HttpIo.send(exchange, 200, type, bytes);
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (name.endsWith(".gif")) {
            return "image/gif";
        }
        if (name.endsWith(".bmp")) {
            return "image/bmp";
        }
        return "application/octet-stream";
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw ApiException.notFound("cannot read " + file.getFileName() + ": " + e.getMessage());
        }
    }

    /** Stops serving and closes the label log; waits for no request. Closing twice does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        pool.shutdownNow();
        store.close();
    }
}
