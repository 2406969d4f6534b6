package org.facecensus.http;

import java.net.URI;
import java.util.OptionalInt;

import org.facecensus.FaceCensusException;

/**
 * A fetch that failed after every allowed attempt. {@link #reason()} tells failures apart so a batch can
 * record one error per item and go on; the message names the URL, the status and what to do.
 *
 * <p>Thread-safety: immutable.
 */
public final class HttpFetchException extends FaceCensusException {
    private static final long serialVersionUID = 1L;

    private final transient URI uri;
    private final FailureReason reason;
    private final int status;
    private final int attempts;

    public HttpFetchException(URI uri, FailureReason reason, int status, int attempts, String detail, Throwable cause) {
        super(message(uri, reason, status, attempts, detail), cause);
        this.uri = uri;
        this.reason = reason;
        this.status = status;
        this.attempts = attempts;
    }

    private static String message(URI uri, FailureReason reason, int status, int attempts, String detail) {
        StringBuilder b = new StringBuilder().append(reason).append(": ").append(uri);
        if (status > 0) {
            b.append(" (HTTP ").append(status).append(')');
        }
        if (detail != null && !detail.isBlank()) {
            b.append(": ").append(detail);
        }
        if (attempts > 1) {
            b.append(" [").append(attempts).append(" attempts]");
        }
        return b.append(". ").append(reason.advice()).toString();
    }

    /** The URL asked for. */
    public URI uri() {
        return uri;
    }

    public FailureReason reason() {
        return reason;
    }

    /** The last HTTP status seen, if the server answered at all. */
    public OptionalInt status() {
        return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
    }

    /** How many requests were made (1 when not retried). */
    public int attempts() {
        return attempts;
    }
}
