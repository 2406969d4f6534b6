package org.facecensus.label;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;

/**
 * The labelling web app of one census, on {@code 127.0.0.1} only: the page, and a JSON API under
 * {@code /api/} that needs this launch's random token (query parameter {@code token} or header
 * {@code X-Token}). The serving, the Host and token checks and the page files are {@link LocalServer}'s,
 * shared with the explorer.
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
    private static final String WEB = "/org/facecensus/label/web/";
    /** The page's files: the only names outside /api/ that are answered. */
    private static final Map<String, String> PAGE_FILES = Map.of(
            "/", "index.html", "/index.html", "index.html", "/app.js", "app.js", "/style.css", "style.css");

    private final LocalServer server;
    private final LabelStore store;
    private final LabelApi api;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LabelServer(LocalServer server, LabelStore store, LabelApi api) {
        this.server = server;
        this.store = store;
        this.api = api;
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
        LabelApi api = new LabelApi(census, order, store, Clock.systemUTC());
        try {
            LocalServer server = LocalServer.start("facecensus label", port, WEB, PAGE_FILES,
                    (exchange, method, parts) -> route(api, exchange, method, parts));
            return new LabelServer(server, store, api);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The page's address with this launch's token: {@code http://127.0.0.1:PORT/?token=...}. */
    public String url() {
        return server.url();
    }

    /** The port it listens on. */
    public int port() {
        return server.port();
    }

    /** This launch's token (128 random bits, URL-safe base64). */
    public String token() {
        return server.token();
    }

    /** The label log it writes. */
    public LabelStore store() {
        return store;
    }

    private static void route(LabelApi api, HttpExchange exchange, String method, List<String> parts) throws IOException {
        String resource = parts.get(0);
        switch (resource) {
            case "progress" -> {
                LocalServer.expect(method, "GET", parts, 1);
                HttpIo.sendJson(exchange, 200, api.progress());
            }
            case "cards" -> {
                LocalServer.expect(method, "GET", parts, 1);
                HttpIo.sendJson(exchange, 200, api.cards(HttpIo.query(exchange)));
            }
            case "labels" -> {
                LocalServer.expect(method, "POST", parts, 1);
                HttpIo.sendJson(exchange, 200, api.label(HttpIo.body(exchange)));
            }
            case "undo" -> {
                LocalServer.expect(method, "POST", parts, 1);
                HttpIo.body(exchange);
                HttpIo.sendJson(exchange, 200, api.undo());
            }
            case "crop" -> {
                LocalServer.expect(method, "GET", parts, 3);
                Crops.send(exchange, api.census(), parts.get(1), parts.get(2));
            }
            case "artwork" -> {
                LocalServer.expect(method, "GET", parts, 2);
                String itemId = HttpIo.decode(parts.get(1));
                api.census().item(itemId).orElseThrow(() -> ApiException.notFound("no item '" + itemId + "' in this census"));
                Path file = api.census().artwork(itemId).orElseThrow(() -> ApiException.notFound("the image of item '"
                        + itemId + "' is not in the collection folder " + api.census().collection() + " (moved?)"));
                HttpIo.send(exchange, 200, LocalServer.contentType(file), LocalServer.read(file));
            }
            default -> throw ApiException.notFound("no API /api/" + String.join("/", parts)
                    + "; see the README's 'Labelling your collection'");
        }
    }

    /** Stops serving and closes the label log; waits for no request. Closing twice does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.close();
        store.close();
    }
}
