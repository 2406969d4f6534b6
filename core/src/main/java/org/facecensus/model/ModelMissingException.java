package org.facecensus.model;

import org.facecensus.FaceCensusException;

/**
 * A model file is not in the cache. The message names the command that fetches it.
 *
 * <p>Thread-safety: immutable.
 */
public final class ModelMissingException extends FaceCensusException {
    private static final long serialVersionUID = 1L;
    private final String modelName;

    public ModelMissingException(String modelName, String message) {
        super(message);
        this.modelName = modelName;
    }

    public String modelName() {
        return modelName;
    }
}
