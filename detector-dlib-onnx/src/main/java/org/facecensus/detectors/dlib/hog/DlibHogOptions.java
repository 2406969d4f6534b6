package org.facecensus.detectors.dlib.hog;

import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.facecensus.spi.ProviderOptions;

/**
 * {@code dlib-hog}'s own settings, given to the provider through
 * {@link org.facecensus.spi.ProviderContext#withOptions} or {@code FaceCensus.builder().options(..)}.
 * Empty means face_recognition's default: upsample 1, no pre-scaling.
 *
 * <pre>{@code
 * FaceCensus census = FaceCensus.builder().options(DlibHogOptions.of(0, 2.5)).build(); // the poster study
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @param upsample times to double the image with dlib's {@code pyramid_up} before detecting (0–4)
 * @param scale    factor to resize the image by first (bilinear, half-pixel centres), boxes mapped back
 */
public record DlibHogOptions(OptionalInt upsample, OptionalDouble scale) implements ProviderOptions {
    public DlibHogOptions {
        if (upsample.isPresent() && (upsample.getAsInt() < 0 || upsample.getAsInt() > DlibHogDetector.MAX_UPSAMPLE)) {
            throw new IllegalArgumentException("dlib-hog upsample must be 0.." + DlibHogDetector.MAX_UPSAMPLE
                    + ": " + upsample.getAsInt());
        }
        if (scale.isPresent() && !(scale.getAsDouble() > 0 && scale.getAsDouble() <= DlibHogDetector.MAX_SCALE)) {
            throw new IllegalArgumentException("dlib-hog scale must be in (0, " + DlibHogDetector.MAX_SCALE + "]: "
                    + scale.getAsDouble());
        }
    }

    public static DlibHogOptions of(int upsample, double scale) {
        return new DlibHogOptions(OptionalInt.of(upsample), OptionalDouble.of(scale));
    }

    public static DlibHogOptions upsample(int times) {
        return new DlibHogOptions(OptionalInt.of(times), OptionalDouble.empty());
    }
}
