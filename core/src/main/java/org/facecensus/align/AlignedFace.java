package org.facecensus.align;

import java.util.Objects;

import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceBox;
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

    /**
     * An image that already is an aligned face (a dataset's chip, a crop written by an earlier run):
     * the identity transform, and the whole image as its detection with score 1.
     */
    public static AlignedFace ofCrop(RgbImage crop) {
        return new AlignedFace(crop, new double[] {1, 0, 0, 0, 1, 0},
                new DetectedFace(new FaceBox(0, 0, crop.width(), crop.height(), 1)));
    }

    @Override
    public double[] transform() {
        return transform.clone();
    }
}
