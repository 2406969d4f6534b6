package org.facecensus.detectors.blazeface;

import org.facecensus.spi.ProviderOptions;

/**
 * {@code blazeface}'s own settings, given to the provider through
 * {@link org.facecensus.spi.ProviderContext#withOptions} or {@code FaceCensus.builder().options(..)}.
 *
 * <pre>{@code
 * FaceCensus census = FaceCensus.builder().options(BlazeFaceOptions.tiles()).build(); // the older, slower scan
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @param input        how a pyramid level reaches the network: whole levels through the any-size graph (the
 *                     default) or overlapping tiles of the network's own size
 * @param maxInputSide longest side of one run with {@link Input#LEVELS} (256 to 8192; default
 *                     {@value BlazeFaceDetector#DEFAULT_MAX_INPUT_SIDE})
 */
public record BlazeFaceOptions(Input input, int maxInputSide) implements ProviderOptions {
    /** How a pyramid level reaches the network. */
    public enum Input {
        /** Whole levels (or windows of at most {@code maxInputSide}) through the any-size graph. */
        LEVELS,
        /** Overlapping tiles of the network's own input size: one run per tile. */
        TILES
    }

    public BlazeFaceOptions {
        if (input == null) {
            throw new IllegalArgumentException("blazeface input must be levels or tiles");
        }
        if (maxInputSide < 256 || maxInputSide > 8192) {
            throw new IllegalArgumentException("blazeface maxInputSide must be 256 to 8192 pixels: " + maxInputSide);
        }
    }

    public static BlazeFaceOptions levels(int maxInputSide) {
        return new BlazeFaceOptions(Input.LEVELS, maxInputSide);
    }

    public static BlazeFaceOptions tiles() {
        return new BlazeFaceOptions(Input.TILES, BlazeFaceDetector.DEFAULT_MAX_INPUT_SIDE);
    }

    void applyTo(BlazeFaceDetector.Builder b) {
        b.anySizeInput(input == Input.LEVELS).maxInputSide(maxInputSide);
    }
}
