package org.facecensus.census.collection.web;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;

import org.facecensus.http.CachePolicy;
import org.facecensus.http.HttpFetcher;

/**
 * How a census reads a collection from the web: the IIIF image size and the HTTP client's settings. A plain
 * serialisable value, so that every Spark executor builds the same {@link HttpFetcher} from it.
 *
 * <p>Thread-safety: immutable.
 *
 * @param maxSide          IIIF images are asked for with their longer side at most this many pixels
 *                         ({@code full/!N,N/0/default.jpg}); 0 asks for the full size ({@code full} in Image API
 *                         1–2, {@code max} in 3)
 * @param httpCache        folder of the HTTP cache (manifests and images, keyed by URL, revalidated by ETag), or
 *                         null for none
 * @param maxPerHost       requests in flight per host
 * @param minIntervalMs    minimum milliseconds between two request starts to one host
 * @param robots           whether robots.txt is honoured
 * @param attempts         requests per URL, the first included
 * @param timeoutSeconds   connect, response and read timeout
 */
public record WebOptions(int maxSide, String httpCache, int maxPerHost, long minIntervalMs, boolean robots,
                         int attempts, int timeoutSeconds) implements Serializable {
    /** The default image size: longer side 2,000 px. */
    public static final int DEFAULT_MAX_SIDE = 2000;

    public WebOptions {
        if (maxSide < 0) {
            throw new IllegalArgumentException("the IIIF image size must be 0 (full) or a positive number of pixels, got "
                    + maxSide);
        }
        if (maxPerHost < 1 || attempts < 1 || timeoutSeconds < 1 || minIntervalMs < 0) {
            throw new IllegalArgumentException("maxPerHost, attempts and timeoutSeconds must be at least 1 and "
                    + "minIntervalMs at least 0");
        }
    }

    /** Longer side 2,000 px, no cache, 4 per host, no interval, robots.txt honoured, 4 attempts, 30 s timeouts. */
    public static WebOptions defaults() {
        return new WebOptions(DEFAULT_MAX_SIDE, null, 4, 0, true, 4, 30);
    }

    public WebOptions withMaxSide(int pixels) {
        return new WebOptions(pixels, httpCache, maxPerHost, minIntervalMs, robots, attempts, timeoutSeconds);
    }

    public WebOptions withHttpCache(Path folder) {
        return new WebOptions(maxSide, folder == null ? null : folder.toAbsolutePath().toString(), maxPerHost,
                minIntervalMs, robots, attempts, timeoutSeconds);
    }

    public WebOptions withPerHost(int inFlight, long intervalMs) {
        return new WebOptions(maxSide, httpCache, inFlight, intervalMs, robots, attempts, timeoutSeconds);
    }

    public WebOptions withRobots(boolean honoured) {
        return new WebOptions(maxSide, httpCache, maxPerHost, minIntervalMs, honoured, attempts, timeoutSeconds);
    }

    public WebOptions withAttempts(int n) {
        return new WebOptions(maxSide, httpCache, maxPerHost, minIntervalMs, robots, n, timeoutSeconds);
    }

    /** A new HTTP client with these settings; the caller closes it. */
    public HttpFetcher newFetcher() {
        HttpFetcher.Builder b = HttpFetcher.builder()
                .connectTimeout(Duration.ofSeconds(timeoutSeconds))
                .requestTimeout(Duration.ofSeconds(timeoutSeconds))
                .readTimeout(Duration.ofSeconds(timeoutSeconds))
                .maxAttempts(attempts)
                .maxConcurrentPerHost(maxPerHost)
                .minIntervalPerHost(Duration.ofMillis(minIntervalMs))
                .respectRobotsTxt(robots);
        if (httpCache != null) {
            b.cache(Path.of(httpCache), CachePolicy.REVALIDATE);
        }
        return b.build();
    }
}
