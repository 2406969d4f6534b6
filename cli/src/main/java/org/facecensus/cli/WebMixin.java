package org.facecensus.cli;

import java.nio.file.Path;

import org.facecensus.census.collection.web.WebOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * How images and manifests are fetched over HTTP(S), the same in every command that reads from the web
 * ({@code analyze} with URL lists and IIIF, {@code dataset build} with URL lists): a cache, politeness per host and
 * robots.txt.
 *
 * <p>Thread-safety: not thread-safe; picocli fills it once, before the command runs.
 */
final class WebMixin {
    @Option(names = "--http-cache", paramLabel = "DIR",
            description = "Keep fetched manifests and images in DIR, keyed by URL and revalidated by ETag (re-runs "
                    + "fetch only what changed). Default: no cache.")
    Path httpCache;

    @Option(names = "--per-host", paramLabel = "N", defaultValue = "4",
            description = "At most N requests in flight to one host (default ${DEFAULT-VALUE}; per executor on Spark).")
    int perHost;

    @Option(names = "--per-host-interval", paramLabel = "MS", defaultValue = "0",
            description = "At least MS milliseconds between two requests to one host (default ${DEFAULT-VALUE}).")
    long perHostInterval;

    @Option(names = "--ignore-robots",
            description = "Do not honour robots.txt (only for hosts whose owner agreed).")
    boolean ignoreRobots;

    /** The options given, on top of {@link WebOptions#defaults()}; a bad value is a usage error. */
    WebOptions options(CommandSpec spec) {
        if (perHost < 1 || perHostInterval < 0) {
            throw new ParameterException(spec.commandLine(), "--per-host must be at least 1 and --per-host-interval "
                    + "at least 0");
        }
        return WebOptions.defaults().withHttpCache(httpCache).withPerHost(perHost, perHostInterval)
                .withRobots(!ignoreRobots);
    }
}
