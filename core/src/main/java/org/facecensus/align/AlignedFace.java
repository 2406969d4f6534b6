package org.facecensus.align;

import java.util.Objects;

import org.facecensus.detect.DetectedFace;
import org.facecensus.image.RgbImage;

/**
 * A face cropped and warped to a canonical pose, with the transform that made it.
 *
 * @param crop      the aligned face image (e.g. 224×224, eyes level)
 * @param transform maps input-image pixels to crop pixels: {@code [a, b, c, d, e, f]} with
 *                  {@code u = a*x + b*y + c}, {@code v = d*x + e*y + f}
 * @param source    the detection it was made from
 *
 * <p>Thread-safety: immutable.
 */
public record AlignedFace(RgbImage crop, double[] transform, DetectedFace source) {
    public AlignedFace {
        Objects.requireNonNull(crop, "crop");
        Objects.requireNonNull(source, "source");
        if (transform.length != 6) {
            throw new IllegalArgumentException("transform must have 6 coefficients, got " + transform.length);
        }
        transform = transform.clone();
    }

    @Override
    public double[] transform() {
        return transform.clone();
    }
}
