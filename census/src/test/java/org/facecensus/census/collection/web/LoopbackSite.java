package org.facecensus.census.collection.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A IIIF "institution" on 127.0.0.1 for tests: fixed responses per exact path under a random token prefix (Host
 * header checked), every requested path recorded. Bodies come from memory; no path is ever mapped to a file.
 */
final class LoopbackSite implements AutoCloseable {
    /** One canned response; {@code cutAt} &lt; body length drops the connection after that many bytes. */
    record Response(int status, String type, byte[] body, int cutAt) {
        static Response ok(String type, byte[] body) {
            return new Response(200, type, body, body.length);
        }

        static Response json(String text) {
            return ok("application/ld+json", text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final String token = UUID.randomUUID().toString();
    private final Map<String, Response> routes = new ConcurrentHashMap<>();
    final List<String> requested = new CopyOnWriteArrayList<>();

    LoopbackSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The absolute URL of {@code path} (starting with "/"). */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + token + path;
    }

    void put(String path, Response response) {
        routes.put("/" + token + path, response);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!("127.0.0.1:" + server.getAddress().getPort()).equals(ex.getRequestHeaders().getFirst("Host"))) {
                ex.sendResponseHeaders(403, -1);
                return;
            }
            String path = ex.getRequestURI().getRawPath();
            requested.add(path.startsWith("/" + token) ? path.substring(token.length() + 1) : path);
            Response r = routes.get(path);
            if (r == null) {
                ex.getResponseHeaders().set("Content-Type", "text/plain");
                ex.sendResponseHeaders(404, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", r.type());
            ex.sendResponseHeaders(r.status(), r.body().length);
            OutputStream out = ex.getResponseBody();
            out.write(r.body(), 0, r.cutAt());
            out.flush();
            if (r.cutAt() < r.body().length) {
                // an exception out of the handler makes the JDK server drop the connection mid-body
                throw new IOException("cut on purpose");
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
