package org.facecensus.dataset.source;

import java.io.IOException;

/**
 * An item of a {@link UrlListSource} that could not be downloaded; the build records it as
 * {@code not-downloaded} with {@link #code()} and goes on.
 *
 * <p>Thread-safety: immutable.
 */
public final class DownloadException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String code;

    /**
     * @param code    machine-readable: {@code BAD_URL} or the HTTP client's {@code FailureReason} name
     *                ({@code NOT_FOUND}, {@code ROBOTS_DISALLOWED}, {@code WRONG_CONTENT_TYPE}, {@code TRUNCATED}...)
     * @param message what happened and what to do
     */
    public DownloadException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
