package org.facecensus.detectors.dlib.hog;

/**
 * dlib's {@code resize_image(rgb, rgb, interpolate_bilinear)}: corner-aligned bilinear scaling of
 * interleaved RGB bytes, used by {@code pyramid_down<6>} and {@code pyramid_up}. dlib computes groups
 * of four output columns in float SIMD lanes (the x position is accumulated in float, so it drifts
 * exactly as dlib's does, and the result is truncated) and finishes each row in double; both paths
 * are reproduced operation by operation so the pixels are identical. That includes the fused
 * multiply-adds GCC forms from dlib's {@code a*b + c*d} when it targets FMA hardware (as the
 * reference build, {@code -O3 -march=native}, does): {@code fma(c, d, a*b)}, checked pixel for pixel
 * against dlib's output. Which product GCC fuses differs between the two paths; each was
 * established by comparison with dlib's pixels.
 *
 * <p>Thread-safety: stateless.
 */
final class DlibResize {
    private DlibResize() {
    }

    /** Bilinear resize of {@code in} (inW×inH) to outW×outH, into a new array. */
    static byte[] resize(byte[] in, int inW, int inH, int outW, int outH) {
        return resize(in, inW, inH, outW, outH, new byte[outW * outH * 3]);
    }

    /**
     * Bilinear resize of {@code in} (inW×inH) to outW×outH into {@code out}, which must hold at least
     * {@code outW*outH*3} bytes (the rest is left as it is) and must not be {@code in}; returns {@code out}.
     */
    static byte[] resize(byte[] in, int inW, int inH, int outW, int outH, byte[] out) {
        if (out == in || out.length < outW * outH * 3) {
            throw new IllegalArgumentException("output buffer too small or the same as the input");
        }
        if (outW == 0 || outH == 0 || inW == 0 || inH == 0) {
            return out;
        }
        double xScale = (inW - 1) / (double) Math.max(outW - 1, 1);
        double yScale = (inH - 1) / (double) Math.max(outH - 1, 1);
        float xScale4 = (float) (4 * xScale);
        // dlib's lane positions depend only on the column, so the per-column part of the weights is
        // computed once: the left index and lr (float, accumulated in float as dlib does), and where
        // the 4-lane part of every row stops.
        int[] lefts = new int[outW + 4];
        float[] lrs = new float[outW + 4];
        int simdEnd;
        {
            float[] lx = new float[4];
            double x0 = -4 * xScale;
            lx[0] = (float) x0;
            lx[1] = (float) (x0 + xScale);
            lx[2] = (float) (x0 + 2 * xScale);
            lx[3] = (float) (x0 + 3 * xScale);
            int c = 0;
            for (;; c += 4) {
                for (int k = 0; k < 4; k++) {
                    lx[k] += xScale4;
                }
                if ((int) lx[3] + 1 >= inW) {
                    break;
                }
                for (int k = 0; k < 4; k++) {
                    lefts[c + k] = (int) lx[k];
                    lrs[c + k] = lx[k] - (float) lefts[c + k];
                }
            }
            simdEnd = Math.min(c, outW);
        }
        // the two input rows in use, as floats: each input row feeds one or two output rows, and
        // converting it once (a loop C2 vectorises) saves 12 int-to-float conversions per pixel; the
        // values are the same (bytes are exact in float), so the products are too
        int rowLen = inW * 3;
        float[] topF = new float[rowLen];
        float[] botF = new float[rowLen];
        int topAt = -1;
        int botAt = -1;
        double y = -yScale;
        for (int r = 0; r < outH; r++) {
            y += yScale;
            int top = (int) Math.floor(y);
            int bottom = Math.min(top + 1, inH - 1);
            double tbFrac = y - top;
            float tb = (float) tbFrac;
            float invTb = (float) (1 - tbFrac);
            int topRow = top * inW * 3;
            int bottomRow = bottom * inW * 3;
            int outRow = r * outW * 3;
            if (simdEnd > 0) {
                if (topAt != top) {
                    if (botAt == top) {
                        float[] t = topF;
                        topF = botF;
                        botF = t;
                        botAt = topAt;
                    } else {
                        toFloat(in, topRow, topF, rowLen);
                    }
                    topAt = top;
                }
                if (botAt != bottom) {
                    toFloat(in, bottomRow, botF, rowLen);
                    botAt = bottom;
                }
            }
            float[] tf = topF;
            float[] bf = botF;
            int c = 0;
            for (; c < simdEnd; c++) {
                int left = lefts[c];
                float lr = lrs[c];
                float invLr = 1 - lr;
                float tlf = invTb * invLr;
                float trf = invTb * lr;
                float blf = tb * invLr;
                float brf = tb * lr;
                int l = left * 3;
                int o = outRow + c * 3;
                for (int ch = 0; ch < 3; ch++) {
                    float v = Math.fma(brf, bf[l + 3 + ch], Math.fma(blf, bf[l + ch],
                            Math.fma(trf, tf[l + 3 + ch], tlf * tf[l + ch])));
                    out[o + ch] = (byte) (int) v;
                }
            }
            double x = -xScale + c * xScale;
            for (; c < outW; c++) {
                x += xScale;
                int l = (int) Math.floor(x);
                int rr = Math.min(l + 1, inW - 1);
                double lr = x - l;
                int tl = topRow + l * 3;
                int tr = topRow + rr * 3;
                int bl = bottomRow + l * 3;
                int br = bottomRow + rr * 3;
                int o = outRow + c * 3;
                for (int ch = 0; ch < 3; ch++) {
                    // here GCC fuses the first product of each sum (checked on dlib's output)
                    double upper = Math.fma(1 - lr, in[tl + ch] & 0xFF, lr * (in[tr + ch] & 0xFF));
                    double lower = Math.fma(1 - lr, in[bl + ch] & 0xFF, lr * (in[br + ch] & 0xFF));
                    double v = Math.fma(1 - tbFrac, upper, tbFrac * lower);
                    out[o + ch] = (byte) (int) v;
                }
            }
        }
        return out;
    }

    /** {@code dst[i] = src[from + i] & 0xFF} for i in [0, len). */
    private static void toFloat(byte[] src, int from, float[] dst, int len) {
        for (int i = 0; i < len; i++) {
            dst[i] = src[from + i] & 0xFF;
        }
    }
}
