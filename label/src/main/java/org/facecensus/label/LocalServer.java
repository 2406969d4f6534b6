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
 * The local web server shared by the labelling app ({@link LabelServer}) and the explorer
 * ({@link ExploreServer}): it listens on {@code 127.0.0.1} only, serves a fixed set of page files from
 * the class path, and passes requests under {@code /api/} to an {@link Api} once they carry this
 * launch's random token (query parameter {@code token} or header {@code X-Token}).
 *
 * <p>What it refuses, each with {@code {"error": ...}}: a {@code Host} other than {@code 127.0.0.1:PORT}
 * or {@code localhost:PORT} (403: a web page that rebinds its own name to 127.0.0.1 cannot talk to
 * us), a missing or wrong token (401), a page name it does not list (404). No URL is ever mapped to a
 * file path: page names are looked up in a fixed map, and the APIs find files by looking up table rows.
 * No CORS headers are sent, so other origins cannot read answers.
 *
 * <p>Thread-safety: thread-safe; requests run on a small pool. {@link #close} may be called more than
 * once, from any thread.
 */
final class LocalServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    /**
     * Answers the requests under {@code /api/} that passed the Host and token checks.
     *
     * <p>Thread-safety: implementations must be thread-safe; requests arrive on several threads.
     */
    @FunctionalInterface
    interface Api {
        /**
         * @param method the request method, upper case
         * @param parts  the path after {@code /api/}, split at '/', still percent-encoded
         */
        void handle(HttpExchange exchange, String method, List<String> parts) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final String token;
    private final int port;
    private final String webFolder;
    private final Map<String, String> pageFiles;
    private final Api api;
    private final String app;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalServer(HttpServer server, ExecutorService pool, String token, String webFolder,
                        Map<String, String> pageFiles, Api api, String app) {
        this.server = server;
        this.pool = pool;
        this.token = token;
        this.port = server.getAddress().getPort();
        this.webFolder = webFolder;
        this.pageFiles = Map.copyOf(pageFiles);
        this.api = api;
        this.app = app;
    }

    /**
     * Starts serving.
     *
     * @param app       the command's name for messages ({@code facecensus label})
     * @param port      the port on 127.0.0.1; 0 for any free one
     * @param webFolder the class-path folder of the page files, e.g. {@code /org/facecensus/label/web/}
     * @param pageFiles request path → file name in {@code webFolder}: the only pages answered
     * @param api       answers {@code /api/...}
     */
    static LocalServer start(String app, int port, String webFolder, Map<String, String> pageFiles, Api api) {
        // The JDK server writes headers and body separately; with Nagle's algorithm and delayed ACKs each
        // answer then waits ~40 ms. Read once, when the JDK's server first starts, so set before that.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "facecensus-http");
                t.setDaemon(true);
                return t;
            });
            byte[] secret = new byte[16];
            new SecureRandom().nextBytes(secret);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            LocalServer local = new LocalServer(server, pool, token, webFolder, pageFiles, api, app);
            server.createContext("/", local::handle);
            server.setExecutor(pool);
            server.start();
            return local;
        } catch (IOException e) {
            throw new FaceCensusException("Cannot listen on 127.0.0.1:" + port + ": " + e.getMessage()
                    + "; choose another --port, or 0 for any free one.", e);
        }
    }

    /** The page's address with this launch's token: {@code http://127.0.0.1:PORT/?token=...}. */
    String url() {
        return "http://127.0.0.1:" + port + "/?token=" + token;
    }

    int port() {
        return port;
    }

    String token() {
        return token;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (ApiException e) {
                HttpIo.sendError(exchange, e.status(), e.getMessage());
            } catch (FaceCensusException | IllegalArgumentException e) {
                LOG.warn("{} request {} failed: {}", app, exchange.getRequestURI().getRawPath(), e.getMessage());
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
        // The raw path: segments are decoded one by one by the API and used only as lookup keys.
        String path = exchange.getRequestURI().getRawPath();
        if (!path.startsWith("/api/")) {
            servePage(exchange, method, path);
            return;
        }
        checkToken(exchange);
        api.handle(exchange, method, List.of(path.substring("/api/".length()).split("/", -1)));
    }

    /** Fails with 404 or 405 unless the path has {@code segments} non-empty parts and the method fits. */
    static void expect(String method, String wanted, List<String> parts, int segments) {
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
            throw new ApiException(401, given == null ? "no token: open the address '" + app + "' printed"
                    : "wrong token: this server was started again; open the address it printed now");
        }
    }

    private void servePage(HttpExchange exchange, String method, String path) throws IOException {
        String name = pageFiles.get(path);
        if (name == null) {
            throw ApiException.notFound("no page " + path);
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new ApiException(405, "use GET for " + path);
        }
        byte[] bytes;
        try (InputStream in = LocalServer.class.getResourceAsStream(webFolder + name)) {
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

    /** The content type of an image file by its name. */
    static String contentType(Path file) {
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

    /** A file's bytes; a 404 when it cannot be read. */
    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw ApiException.notFound("cannot read " + file.getFileName() + ": " + e.getMessage());
        }
    }

    /** Stops serving; waits for no request. Closing twice does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        pool.shutdownNow();
    }
}
