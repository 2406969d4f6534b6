package org.facecensus.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The JDK's HTTP server on 127.0.0.1 for tests: routes are exact paths under a random token prefix (so nothing
 * else on the machine can use it), requests with a foreign Host header get 403, and {@code /robots.txt} is the
 * only path outside the token. No path is ever mapped to a file.
 */
final class LoopbackServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(16);
    private final String token = UUID.randomUUID().toString();
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext("/", this::dispatch);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Routes {@code path} (starting with "/"); "/robots.txt" is served at the root, everything else under the token. */
    LoopbackServer route(String path, HttpHandler handler) {
        routes.put(path.equals("/robots.txt") ? path : "/" + token + path, handler);
        return this;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + "/" + token + path);
    }

    private void dispatch(HttpExchange ex) throws IOException {
        try (ex) {
            String host = ex.getRequestHeaders().getFirst("Host");
            if (!("127.0.0.1:" + port()).equals(host)) {
                send(ex, 403, "text/plain", "wrong host".getBytes());
                return;
            }
            HttpHandler h = routes.get(ex.getRequestURI().getRawPath());
            if (h == null) {
                send(ex, 404, "text/plain", "no such route".getBytes());
                return;
            }
            h.handle(ex);
        }
    }

    static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            ex.getResponseHeaders().set("Content-Type", type);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
