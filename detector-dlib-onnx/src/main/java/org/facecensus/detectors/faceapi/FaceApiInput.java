package org.facecensus.detectors.faceapi;

import java.nio.ByteBuffer;

import org.facecensus.image.RgbImage;

/**
 * face-api.js' detector input, reproduced in float32 as TF.js computes it: {@code padToSquare}
 * (zeros after the image, bottom or right, up to the longer side), then TF's legacy
 * {@code resizeBilinear} (source coordinate {@code dst * in / out}, no half-pixel centres, no
 * antialiasing; skipped when the square already has the target size), then a per-channel
 * normalisation that differs by network. Output is planar (NCHW) for one batch item.
 *
 * <p>Thread-safety: stateless.
 */
public final class FaceApiInput {
    private FaceApiInput() {
    }

    /**
     * How a network scales a resized channel value in [0, 255].
     *
     * <p>Thread-safety: implementations must be stateless.
     */
    @FunctionalInterface
    public interface Normalisation {
        float apply(float value, int channel);
    }

    /** Writes the {@code 3 × size × size} input of {@code image} into {@code out} at {@code offset}. */
    public static void padResize(RgbImage image, int size, Normalisation normalisation, float[] out, int offset) {
        ByteBuffer px = image.pixels();
        int w = image.width();
        int h = image.height();
        int stride = w * 3;
        int side = Math.max(w, h);
        int plane = size * size;
        float scale = (float) side / size;
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
            // Rows and columns past the image are the zero padding.
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
                    out[offset + ch * plane + r * size + c] = normalisation.apply(t + (b - t) * rowFrac, ch);
                }
            }
        }
    }
}
