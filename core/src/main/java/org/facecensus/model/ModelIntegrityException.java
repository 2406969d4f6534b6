package org.facecensus.model;

import org.facecensus.FaceCensusException;

/**
 * A model file exists but its sha256 is not the pinned one (corrupt, truncated, or a different
 * version). It is never loaded.
 *
 * <p>Thread-safety: immutable.
 */
public final class ModelIntegrityException extends FaceCensusException {
    private static final long serialVersionUID = 1L;

    public ModelIntegrityException(String message) {
        super(message);
    }
}
