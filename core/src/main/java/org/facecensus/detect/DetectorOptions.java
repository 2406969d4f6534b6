package org.facecensus.detect;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Settings passed to detectors. Empty means "the detector's own default", which each detector
 * documents (it depends on what its score means and which face sizes it can see).
 *
 * @param minFaceSize smallest face side to look for, in image pixels (all detectors)
 * @param minScore    detections scoring below this are dropped, on the detector's own scale (all detectors)
 * @param upsample    times to double the image before detecting (dlib-hog's {@code pyramid_up});
 *                    detectors without that notion ignore it
 * @param prescale    factor to resize the image by before detecting, boxes mapped back (dlib-hog,
 *                    as the poster study's ×2.5); detectors without that notion ignore it
 *
 * <p>Thread-safety: immutable.
 */
public record DetectorOptions(OptionalDouble minFaceSize, OptionalDouble minScore, OptionalInt upsample,
                              OptionalDouble prescale) {
    private static final DetectorOptions DEFAULTS = new DetectorOptions(OptionalDouble.empty(), OptionalDouble.empty(),
            OptionalInt.empty(), OptionalDouble.empty());

    public DetectorOptions {
        if (minFaceSize.isPresent() && !(minFaceSize.getAsDouble() > 0)) {
            throw new IllegalArgumentException("minFaceSize must be positive: " + minFaceSize.getAsDouble());
        }
        if (upsample.isPresent() && upsample.getAsInt() < 0) {
            throw new IllegalArgumentException("upsample must be 0 or more: " + upsample.getAsInt());
        }
        if (prescale.isPresent() && !(prescale.getAsDouble() > 0)) {
            throw new IllegalArgumentException("prescale must be positive: " + prescale.getAsDouble());
        }
    }

    public static DetectorOptions defaults() {
        return DEFAULTS;
    }

    public DetectorOptions withMinFaceSize(double pixels) {
        return new DetectorOptions(OptionalDouble.of(pixels), minScore, upsample, prescale);
    }

    public DetectorOptions withMinScore(double score) {
        return new DetectorOptions(minFaceSize, OptionalDouble.of(score), upsample, prescale);
    }

    public DetectorOptions withUpsample(int times) {
        return new DetectorOptions(minFaceSize, minScore, OptionalInt.of(times), prescale);
    }

    public DetectorOptions withPrescale(double factor) {
        return new DetectorOptions(minFaceSize, minScore, upsample, OptionalDouble.of(factor));
    }
}
