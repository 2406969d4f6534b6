package org.facecensus.label;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import org.facecensus.census.stats.ClassifierErrorRates;

/**
 * The explorer of one census ({@code facecensus explore CENSUS_DIR}), on the labelling app's local
 * server ({@link LocalServer}: 127.0.0.1 only, this launch's token, the Host check, page files from the
 * class path, no URL mapped to a file). The page filters by decade, tag, designer and catalogue
 * fields, draws the shares, trend and prominence with their intervals as plain SVG, and opens the
 * gallery of faces behind any bar or cell. It loads nothing from the internet.
 *
 * <p>API (JSON, token needed): {@code GET /api/options}; {@code GET /api/figures?FILTERS} (the
 * {@code stats.json} records of the filtered items); {@code GET /api/faces?FILTERS&cell=&gender=&central=&offset=&limit=};
 * {@code GET /api/crop/ITEM/INDEX} (the face's crop, found by looking the face up in the census).
 *
 * <p>Thread-safety: thread-safe; {@link #close} may be called more than once.
 */
public final class ExploreServer implements AutoCloseable {
    private static final String WEB = "/org/facecensus/label/explore/";
    private static final Map<String, String> PAGE_FILES = Map.of("/", "index.html", "/index.html", "index.html",
            "/explore.js", "explore.js", "/explore.css", "explore.css");
    /** Bootstrap replicates per interval in the explorer (the report uses 2,000). */
    public static final int DEFAULT_SAMPLES = 400;

    private final LocalServer server;
    private final ExploreApi api;

    private ExploreServer(LocalServer server, ExploreApi api) {
        this.server = server;
        this.api = api;
    }

    /**
     * Reads the census and starts serving.
     *
     * @param censusDir  the census folder ({@code facecensus analyze --out})
     * @param port       the port on 127.0.0.1; 0 for any free one
     * @param evaluation the classifier's evaluation file for corrected figures, or null
     * @param samples    bootstrap replicates per interval ({@link #DEFAULT_SAMPLES})
     */
    public static ExploreServer start(Path censusDir, int port, Path evaluation, int samples) {
        CensusFolder census = CensusFolder.read(censusDir);
        ExploreApi api = new ExploreApi(census, evaluation == null ? null : ClassifierErrorRates.read(evaluation),
                samples);
        return new ExploreServer(LocalServer.start("facecensus explore", port, WEB, PAGE_FILES,
                (exchange, method, parts) -> route(api, exchange, method, parts)), api);
    }

    /** The page's address with this launch's token. */
    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    public String token() {
        return server.token();
    }

    /** Items in the census. */
    public int items() {
        return api.items().size();
    }

    private static void route(ExploreApi api, HttpExchange exchange, String method, List<String> parts) throws IOException {
        switch (parts.get(0)) {
            case "options" -> {
                LocalServer.expect(method, "GET", parts, 1);
                HttpIo.sendJson(exchange, 200, api.options());
            }
            case "figures" -> {
                LocalServer.expect(method, "GET", parts, 1);
                HttpIo.sendJson(exchange, 200, api.figures(HttpIo.query(exchange)));
            }
            case "faces" -> {
                LocalServer.expect(method, "GET", parts, 1);
                HttpIo.sendJson(exchange, 200, api.faces(HttpIo.query(exchange)));
            }
            case "crop" -> {
                LocalServer.expect(method, "GET", parts, 3);
                Crops.send(exchange, api.census(), parts.get(1), parts.get(2));
            }
            default -> throw ApiException.notFound("no API /api/" + String.join("/", parts)
                    + "; see the README's 'Exploring a census'");
        }
    }

    /** Stops serving. Closing twice does nothing. */
    @Override
    public void close() {
        server.close();
    }
}
