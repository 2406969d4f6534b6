package org.facecensus.detectors.tiny;

import java.nio.ByteBuffer;

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
        ByteBuffer px = image.pixels();
        int w = image.width();
        int h = image.height();
        int stride = w * 3;
        int side = Math.max(w, h);
        int plane = size * size;
        float scale = (float) side / size;
        float[] mean = FaceApiTiny.MEAN_RGB;
        int[] c0 = new int[size];
        int[] c1 = new int[size];
        float[] cf = new float[size];
        for (int c = 0; c < size; c++) {
            float fc = side == size ? c : scale * c;
            c0[c] = (int) Math.floor(fc);
            c1[c] = Math.min(side - 1, (int) Math.ceil(fc));
            cf[c] = fc - c0[c];
        }
        for (int r = 0; r < size; r++) {
            float fr = side == size ? r : scale * r;
            int r0 = (int) Math.floor(fr);
            int r1 = Math.min(side - 1, (int) Math.ceil(fr));
            float rowFrac = fr - r0;
            boolean in0 = r0 < h;
            boolean in1 = r1 < h;
            int base0 = r0 * stride;
            int base1 = r1 * stride;
            for (int c = 0; c < size; c++) {
                int x0 = c0[c];
                int x1 = c1[c];
                float colFrac = cf[c];
                for (int ch = 0; ch < 3; ch++) {
                    float tl = in0 && x0 < w ? px.get(base0 + x0 * 3 + ch) & 0xff : 0f;
                    float tr = in0 && x1 < w ? px.get(base0 + x1 * 3 + ch) & 0xff : 0f;
                    float bl = in1 && x0 < w ? px.get(base1 + x0 * 3 + ch) & 0xff : 0f;
                    float br = in1 && x1 < w ? px.get(base1 + x1 * 3 + ch) & 0xff : 0f;
                    float t = tl + (tr - tl) * colFrac;
                    float b = bl + (br - bl) * colFrac;
                    float v = t + (b - t) * rowFrac;
                    out[offset + ch * plane + r * size + c] = (v - mean[ch]) / 255f;
                }
            }
        }
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
