package org.facecensus.align.geometry;

import java.nio.ByteBuffer;

import org.facecensus.image.RgbImage;

/**
 * {@code cv2.warpAffine(src, M, (w, h), flags=INTER_CUBIC)} with OpenCV's default constant border
 * (0, black), in pure Java.
 *
 * <p>It follows OpenCV's 8-bit path: the inverse map is evaluated per output pixel and quantised to
 * 1/32 pixel (OpenCV's {@code INTER_BITS = 5}); the Keys cubic kernel with {@code a = -0.75} is
 * tabulated per 1/32 step as 16 fixed-point 2-D weights scaled by 2^15 whose sum is corrected to
 * exactly 2^15, as OpenCV's {@code initInterTab2D} does; the weighted sum is rounded and clamped to
 * 0-255; taps outside the image read 0. The result has not been verified to be bit-exact with
 * OpenCV (its inverse-map rounding happens in a 10-bit fixed-point form per row); expect at most a
 * level or two of difference on a few pixels.
 *
 * <p>Thread-safety: stateless; the weight table is built once and never written again.
 */
public final class CubicWarp {
    private static final int INTER_BITS = 5;
    private static final int TAB = 1 << INTER_BITS;
    private static final int COEF_BITS = 15;
    private static final int COEF_SCALE = 1 << COEF_BITS;
    /** [fy][fx][16] weights, row-major over the 4×4 taps. */
    private static final int[][][] WEIGHTS = table();

    private CubicWarp() {
    }

    /**
     * Warps {@code src} by the forward affine map {@code m = [a, b, c, d, e, f]}
     * ({@code u = a*x + b*y + c}, {@code v = d*x + e*y + f}) into a {@code width × height} image.
     */
    public static RgbImage warp(RgbImage src, double[] m, int width, int height) {
        // Invert M as warpAffine does when WARP_INVERSE_MAP is not set.
        double det = m[0] * m[4] - m[1] * m[3];
        double dinv = det != 0 ? 1.0 / det : 0;
        double a11 = m[4] * dinv;
        double a22 = m[0] * dinv;
        double a12 = -m[1] * dinv;
        double a21 = -m[3] * dinv;
        double b1 = -a11 * m[2] - a12 * m[5];
        double b2 = -a21 * m[2] - a22 * m[5];

        int sw = src.width();
        int sh = src.height();
        ByteBuffer in = src.pixels();
        byte[] out = new byte[width * height * 3];
        int[] acc = new int[3];
        for (int v = 0; v < height; v++) {
            for (int u = 0; u < width; u++) {
                long qx = Math.round((a11 * u + a12 * v + b1) * TAB);
                long qy = Math.round((a21 * u + a22 * v + b2) * TAB);
                long ix = Math.floorDiv(qx, TAB);
                long iy = Math.floorDiv(qy, TAB);
                int[] w = WEIGHTS[(int) (qy - iy * TAB)][(int) (qx - ix * TAB)];
                long x0 = ix - 1;
                long y0 = iy - 1;
                int o = (v * width + u) * 3;
                if (x0 >= sw || x0 + 4 <= 0 || y0 >= sh || y0 + 4 <= 0) {
                    continue; // entirely outside: the border value, 0
                }
                acc[0] = 0;
                acc[1] = 0;
                acc[2] = 0;
                for (int ky = 0; ky < 4; ky++) {
                    long y = y0 + ky;
                    if (y < 0 || y >= sh) {
                        continue;
                    }
                    for (int kx = 0; kx < 4; kx++) {
                        long x = x0 + kx;
                        if (x < 0 || x >= sw) {
                            continue;
                        }
                        int wt = w[ky * 4 + kx];
                        int p = (int) ((y * sw + x) * 3);
                        acc[0] += wt * (in.get(p) & 0xFF);
                        acc[1] += wt * (in.get(p + 1) & 0xFF);
                        acc[2] += wt * (in.get(p + 2) & 0xFF);
                    }
                }
                for (int c = 0; c < 3; c++) {
                    int val = (acc[c] + (1 << (COEF_BITS - 1))) >> COEF_BITS;
                    out[o + c] = (byte) Math.max(0, Math.min(255, val));
                }
            }
        }
        return RgbImage.of(width, height, out);
    }

    /** OpenCV's {@code interpolateCubic}, in float as OpenCV computes it. */
    private static float[] cubic(float x) {
        final float a = -0.75f;
        float[] c = new float[4];
        c[0] = ((a * (x + 1) - 5 * a) * (x + 1) + 8 * a) * (x + 1) - 4 * a;
        c[1] = ((a + 2) * x - (a + 3)) * x * x + 1;
        c[2] = ((a + 2) * (1 - x) - (a + 3)) * (1 - x) * (1 - x) + 1;
        c[3] = 1.f - c[0] - c[1] - c[2];
        return c;
    }

    private static int[][][] table() {
        float[][] k = new float[TAB][];
        for (int i = 0; i < TAB; i++) {
            k[i] = cubic(1.0f / TAB * i);
        }
        int[][][] t = new int[TAB][TAB][16];
        for (int i = 0; i < TAB; i++) {
            for (int j = 0; j < TAB; j++) {
                int[] w = t[i][j];
                int sum = 0;
                for (int k1 = 0; k1 < 4; k1++) {
                    for (int k2 = 0; k2 < 4; k2++) {
                        float v = k[i][k1] * k[j][k2];
                        int iv = (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.rint(v * COEF_SCALE)));
                        w[k1 * 4 + k2] = iv;
                        sum += iv;
                    }
                }
                if (sum != COEF_SCALE) {
                    // Put the rounding residue on the largest (or smallest) central weight, as OpenCV does,
                    // so that a flat image stays flat.
                    int diff = sum - COEF_SCALE;
                    int min = 2 * 4 + 2;
                    int max = min;
                    for (int k1 = 2; k1 < 4; k1++) {
                        for (int k2 = 2; k2 < 4; k2++) {
                            int idx = k1 * 4 + k2;
                            if (w[idx] < w[min]) {
                                min = idx;
                            } else if (w[idx] > w[max]) {
                                max = idx;
                            }
                        }
                    }
                    if (diff < 0) {
                        w[max] -= diff;
                    } else {
                        w[min] -= diff;
                    }
                }
            }
        }
        return t;
    }
}
