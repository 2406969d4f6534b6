package org.facecensus.spi.inference;

import java.util.Locale;

import org.facecensus.FaceCensusException;

/**
 * Where inference runs. {@link #AUTO} uses CUDA when the engine and the machine support it and
 * falls back to the CPU with a log line saying why; {@link #CUDA} fails instead of falling back.
 *
 * <p>Thread-safety: immutable.
 */
public enum ExecutionDevice {
    AUTO, CPU, CUDA;

    public static final String PROPERTY = "facecensus.device";

    public static ExecutionDevice parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FaceCensusException("Unknown device '" + text + "'; use one of auto, cpu, cuda.");
        }
    }

    public static ExecutionDevice fromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        return value == null || value.isBlank() ? AUTO : parse(value);
    }
}
