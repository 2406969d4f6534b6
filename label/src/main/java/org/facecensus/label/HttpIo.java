package org.facecensus.label;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

/**
 * Reading requests and writing answers for the label server: bounded bodies, query parameters, and
 * the headers every answer carries (no CORS, no caching of the API, no referrer that would leak the token).
 *
 * <p>Thread-safety: stateless.
 */
final class HttpIo {
    /** The largest request body read: a grid of 24 labels is about 3 KB. */
    static final int MAX_BODY = 64 * 1024;
    /** A too large body is read and dropped up to this size, so the client sees the 413 rather than a reset. */
    private static final long MAX_DRAIN = 8L * 1024 * 1024;
    static final ObjectMapper JSON = new ObjectMapper();

    private HttpIo() {
    }

    /** The request body, at most {@link #MAX_BODY} bytes; a 413 beyond that. */
    static byte[] body(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        try (InputStream in = exchange.getRequestBody()) {
            if (length != null && parseLong(length) > MAX_BODY) {
                drain(in);
                throw tooLarge();
            }
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                drain(in);
                throw tooLarge();
            }
            return bytes;
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Content-Length '" + text + "' is not a number");
        }
    }

    private static void drain(InputStream in) throws IOException {
        long left = MAX_DRAIN;
        byte[] buffer = new byte[16 * 1024];
        for (int n = in.read(buffer); n > 0 && left > 0; n = in.read(buffer)) {
            left -= n;
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "the request body is larger than " + MAX_BODY / 1024
                + " KB; send labels in smaller batches");
    }

    /** The query parameters, decoded; the last value wins for a repeated name. */
    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            params.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return params;
    }

    /** Percent-decodes one path segment or query part; a broken escape is a 400. */
    static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'" + part + "' is not correctly percent-encoded");
        }
    }

    /** Answers JSON. */
    static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    /** Answers {@code {"error": message}}. */
    static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode error = JSON.createObjectNode().put("error", message);
        sendJson(exchange, status, error);
    }

    /** Answers bytes with a content type and the headers every answer has. */
    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        Headers h = exchange.getResponseHeaders();
        h.set("Content-Type", contentType);
        h.set("X-Content-Type-Options", "nosniff");
        // The token is in the page's address: never send it on as a referrer, never cache the answers.
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cache-Control", "no-store");
        h.set("X-Frame-Options", "DENY");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
