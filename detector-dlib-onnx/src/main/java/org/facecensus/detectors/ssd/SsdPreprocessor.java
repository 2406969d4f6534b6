package org.facecensus.detectors.ssd;

import org.facecensus.detectors.faceapi.FaceApiInput;
import org.facecensus.image.RgbImage;
import org.facecensus.modeltools.faceapi.FaceApiSsd;

/**
 * face-api.js' input pipeline for {@code SsdMobilenetv1}, reproduced step by step in float32 as
 * TF.js computes it:
 * <ol>
 *   <li>{@code NetInput.toBatchTensor(512, false)} → {@code padToSquare(img, false)}: the shorter side is
 *       padded with zeros (black) <em>after</em> the image (bottom or right) to a square of the longer side;</li>
 *   <li>{@code resizeBilinear([512, 512], alignCorners = false, halfPixelCenters = false)}: TF's legacy
 *       bilinear (source coordinate {@code dst * in / out}, no antialiasing), skipped when the square is
 *       already 512;</li>
 *   <li>{@code x / 127.5 - 1}.</li>
 * </ol>
 * The tensor is NCHW {@code [1, 3, 512, 512]}.
 *
 * <p>Thread-safety: stateless.
 */
public final class SsdPreprocessor {
    static final int SIZE = FaceApiSsd.INPUT_SIZE;

    private SsdPreprocessor() {
    }

    /** Writes the image's normalised {@code 3×512×512} tensor into {@code out} at {@code offset}. */
    public static void writeTensor(RgbImage image, float[] out, int offset) {
        FaceApiInput.padResize(image, SIZE, (v, ch) -> v / 127.5f - 1f, out, offset);
    }

    /**
     * face-api's {@code computeReshapedDimensions(dims, 512)}: the image's size inside the 512
     * square, each side rounded as JavaScript's {@code Math.round}. Returns {@code {width, height}}.
     */
    public static long[] reshapedDimensions(int width, int height) {
        double scale = (double) SIZE / Math.max(width, height);
        return new long[] {jsRound(width * scale), jsRound(height * scale)};
    }

    static long jsRound(double v) {
        return (long) Math.floor(v + 0.5);
    }
}
