package org.facecensus.detect;

import java.util.OptionalDouble;

/**
 * The settings every detector understands. Empty means "the detector's own default", which each
 * detector documents (it depends on what its score means and which face sizes it can see). Settings
 * that only one detector knows (dlib-hog's upsampling, say) are that provider's own
 * {@link org.facecensus.spi.ProviderOptions}, in its module.
 *
 * <p>Thread-safety: immutable.
 *
 * @param minFaceSize smallest face side to look for, in image pixels
 * @param minScore    detections scoring below this are dropped, on the detector's own scale
 */
public record DetectorOptions(OptionalDouble minFaceSize, OptionalDouble minScore) {
    private static final DetectorOptions DEFAULTS = new DetectorOptions(OptionalDouble.empty(), OptionalDouble.empty());

    public DetectorOptions {
        if (minFaceSize.isPresent() && !(minFaceSize.getAsDouble() > 0)) {
            throw new IllegalArgumentException("minFaceSize must be positive: " + minFaceSize.getAsDouble());
        }
    }

    public static DetectorOptions defaults() {
        return DEFAULTS;
    }

    public DetectorOptions withMinFaceSize(double pixels) {
        return new DetectorOptions(OptionalDouble.of(pixels), minScore);
    }

    public DetectorOptions withMinScore(double score) {
        return new DetectorOptions(minFaceSize, OptionalDouble.of(score));
    }
}
