package org.facecensus;

/**
 * The one unchecked exception FaceCensus throws. Every message says what went wrong and what to do
 * about it (which command to run, which option to set, which artifact to add).
 *
 * <p>Subclasses narrow the cause for callers that want to react differently (a bad image is
 * skipped, a missing model is fetched), but catching this type is always enough.
 *
 * <p>Thread-safety: immutable.
 */
public class FaceCensusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FaceCensusException(String message) {
        super(message);
    }

    public FaceCensusException(String message, Throwable cause) {
        super(message, cause);
    }
}
