package org.facecensus.label;

import org.facecensus.FaceCensusException;

/**
 * A request the label API refuses, with the HTTP status to answer and a message saying what was wrong.
 *
 * <p>Thread-safety: immutable.
 */
final class ApiException extends FaceCensusException {
    private static final long serialVersionUID = 1L;
    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }
}
