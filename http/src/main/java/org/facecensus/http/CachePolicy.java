package org.facecensus.http;

/**
 * How the on-disk cache ({@link HttpFetcher.Builder#cache}) answers a URL it already holds.
 *
 * <p>Thread-safety: immutable.
 */
public enum CachePolicy {
    /** Ask the server with {@code If-None-Match} (ETag) or {@code If-Modified-Since}; a 304 serves the cached
     *  body, a 200 replaces it. Entries without a validator are fetched again. */
    REVALIDATE,
    /** Serve a cached body without asking the server (offline re-runs, resumed censuses). */
    PREFER_CACHED
}
