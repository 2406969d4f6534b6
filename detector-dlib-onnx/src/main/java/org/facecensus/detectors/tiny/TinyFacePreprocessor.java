package org.facecensus.detectors.tiny;

import org.facecensus.detectors.faceapi.FaceApiInput;
import org.facecensus.image.RgbImage;
import org.facecensus.modeltools.faceapi.FaceApiTiny;

/**
 * face-api.js' input pipeline for {@code TinyFaceDetector} ({@code TinyYolov2Base.forwardInput}),
 * reproduced step by step in float32 as TF.js computes it:
 * <ol>
 *   <li>{@code NetInput.toBatchTensor(inputSize, false)} → {@code padToSquare(img, false)}: the shorter
 *       side is padded with zeros (black) <em>after</em> the image (bottom or right) to a square of the
 *       longer side;</li>
 *   <li>{@code resizeBilinear([S, S], alignCorners = false, halfPixelCenters = false)}: TF's legacy
 *       bilinear (source coordinate {@code dst * in / out}, no antialiasing), skipped when the square
 *       is already S;</li>
 *   <li>{@code normalize(x, MEAN_RGB)} then {@code / 255}: minus {@link FaceApiTiny#MEAN_RGB}
 *       (the padding too), divided by 255.</li>
 * </ol>
 * The tensor is NCHW {@code [1, 3, S, S]}.
 *
 * <p>Thread-safety: stateless.
 */
public final class TinyFacePreprocessor {
    private TinyFacePreprocessor() {
    }

    /** Writes the image's normalised {@code 3×S×S} tensor into {@code out} at {@code offset}. */
    public static void writeTensor(RgbImage image, int size, float[] out, int offset) {
        float[] mean = FaceApiTiny.MEAN_RGB;
        FaceApiInput.padResize(image, size, (v, ch) -> (v - mean[ch]) / 255f, out, offset);
    }

    /**
     * face-api's {@code computeReshapedDimensions(dims, inputSize)}: the image's size inside the S
     * square, each side rounded as JavaScript's {@code Math.round}. Returns {@code {width, height}}.
     */
    public static long[] reshapedDimensions(int width, int height, int size) {
        double scale = (double) size / Math.max(width, height);
        return new long[] {jsRound(width * scale), jsRound(height * scale)};
    }

    static long jsRound(double v) {
        return (long) Math.floor(v + 0.5);
    }
}
