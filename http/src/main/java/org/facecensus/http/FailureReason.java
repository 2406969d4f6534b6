package org.facecensus.http;

/**
 * Why a fetch failed, as a value a batch can record per item ({@code items.csv}'s error column) and go on.
 * Each reason says whether retrying later could help ({@link #transientFailure()}).
 *
 * <p>Thread-safety: immutable.
 */
public enum FailureReason {
    /** The URL is not absolute http(s), or has no host. */
    BAD_URL(false, "give an absolute http:// or https:// URL"),
    /** robots.txt of the host disallows the path for our user agent. */
    ROBOTS_DISALLOWED(false, "the site asks robots not to fetch this path; ask the holder for access or turn robots off only with their consent"),
    /** 404 or 410. */
    NOT_FOUND(false, "check the URL; the server says nothing is there"),
    /** 401 or 403. */
    FORBIDDEN(false, "the server refuses access; check that the item is public or that you have a licence"),
    /** Another 4xx status. */
    CLIENT_ERROR(false, "the server rejected the request; check the URL"),
    /** 429 or 5xx after every attempt, or a Retry-After longer than the configured maximum. */
    SERVER_ERROR(true, "the server is busy or failing; run again later (finished items are kept)"),
    /** Connecting failed (refused, unknown host, TLS) after every attempt. */
    CONNECTION_FAILED(true, "check the network and the host name, then run again"),
    /** No response headers within the connect/request timeout, or no body bytes within the read timeout. */
    TIMEOUT(true, "the server is slow; raise the timeout or run again later"),
    /** The body ended before its Content-Length (or Content-Range) said it would, after every attempt. */
    TRUNCATED(true, "the connection dropped mid-body; run again (partial downloads resume)"),
    /** The body is larger than the configured maximum (by Content-Length or while reading). */
    TOO_LARGE(false, "raise the maximum body size if this file is really wanted"),
    /** The Content-Type is none of the expected ones. */
    WRONG_CONTENT_TYPE(false, "the URL does not point to the kind of resource expected (e.g. an HTML page instead of an image)"),
    /** The cache could not be read or written, or the download could not be written to disk. */
    LOCAL_IO(false, "check the cache and output folders: free space and permissions");

    private final boolean transientFailure;
    private final String advice;

    FailureReason(boolean transientFailure, String advice) {
        this.transientFailure = transientFailure;
        this.advice = advice;
    }

    /** True when the same request may succeed later (the server or the network was at fault). */
    public boolean transientFailure() {
        return transientFailure;
    }

    /** What to do about it, one sentence. */
    public String advice() {
        return advice;
    }
}
