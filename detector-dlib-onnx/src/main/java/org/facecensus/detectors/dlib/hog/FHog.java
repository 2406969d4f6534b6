package org.facecensus.detectors.dlib.hog;

import java.util.Arrays;

/**
 * Felzenszwalb's 31-plane HOG as dlib's {@code extract_fhog_features} computes it on an RGB image
 * (dlib 19.24, {@code impl_extract_fhog_features} for cell size > 1). Per pixel, the gradient of the
 * colour channel with the largest magnitude is snapped to one of 18 orientations and its magnitude
 * is spread bilinearly over the 4 nearest cells; each cell is then normalised against its 4 2×2-cell
 * blocks, giving 18 contrast-sensitive, 9 contrast-insensitive and 4 texture values.
 *
 * <p>Exactness: dlib processes 8 pixels at a time in SIMD lanes and the rest of each row with scalar
 * code, and the two differ in details (which channel wins a tie of gradient magnitudes, how the
 * bilinear weights are multiplied), so both are reproduced as is, float operation by float operation,
 * including the fused multiply-adds GCC forms when it builds dlib for FMA hardware (the reference
 * build is {@code -O3 -march=native}): {@code a*b + c*d} becomes {@code fma(c, d, a*b)} and
 * {@code x += a*b} becomes {@code fma(a, b, x)}. The planes match dlib's bit for bit.
 * The output planes are padded as dlib pads them for a {@code rowsPad×colsPad} filter: a zero border
 * of {@code (pad-1)/2} cells before and {@code pad/2} after.
 *
 * <p>Thread-safety: stateless.
 */
final class FHog {
    private static final float[] DIR_X = {1.0000f, 0.9397f, 0.7660f, 0.500f, 0.1736f, -0.1736f, -0.5000f, -0.7660f,
        -0.9397f};
    private static final float[] DIR_Y = {0.0000f, 0.3420f, 0.6428f, 0.8660f, 0.9848f, 0.9848f, 0.8660f, 0.6428f,
        0.3420f};
    private static final float EPS = 0.0001f;
    private static final float TEXTURE_SCALE = (float) (2 * 0.2357);

    /** 31 planes of {@code height×width} floats, row-major; empty planes when the image is too small. */
    record Features(int width, int height, float[][] planes) {
        boolean isEmpty() {
            return width == 0 || height == 0;
        }
    }

    private FHog() {
    }

    /** fHOG of an {@code nc×nr} RGB image into new arrays. */
    static Features extract(byte[] rgb, int nc, int nr, int cell, int rowsPad, int colsPad) {
        return extract(rgb, nc, nr, cell, rowsPad, colsPad, new HogWorkspace());
    }

    /**
     * fHOG of an {@code nc×nr} RGB image into the workspace's arrays: the planes of the result are the
     * workspace's, valid until its next use (they may be longer than {@code width*height}).
     */
    static Features extract(byte[] rgb, int nc, int nr, int cell, int rowsPad, int colsPad, HogWorkspace ws) {
        int cellsNr = (int) ((float) nr / (float) cell + 0.5);
        int cellsNc = (int) ((float) nc / (float) cell + 0.5);
        int hogNr = Math.max(cellsNr - 2, 0);
        int hogNc = Math.max(cellsNc - 2, 0);
        if (hogNr == 0 || hogNc == 0) {
            return new Features(0, 0, new float[HogModel.PLANES][0]);
        }
        int histNc = cellsNc + 2;
        int histLen = (cellsNr + 2) * histNc * 18;
        float[] hist = ws.hist(histLen);
        Arrays.fill(hist, 0, histLen, 0f);
        int visibleNr = Math.min(cellsNr * cell, nr) - 1;
        int visibleNc = Math.min(cellsNc * cell, nc) - 1;
        int stride = nc * 3;
        int simdEnd = 1 + 8 * Math.max(0, (visibleNc - 1) / 8);
        // the SIMD lanes' horizontal interpolation depends on the column only
        int[] colIxp = new int[simdEnd];
        float[] colVx0 = new float[simdEnd];
        float[] colVx1 = new float[simdEnd];
        for (int x = 1; x < simdEnd; x++) {
            float xp = ((float) x + 0.5f) / (float) cell + 0.5f;
            colIxp[x] = (int) xp;
            colVx0[x] = xp - (float) colIxp[x];
            colVx1[x] = 1.0f - colVx0[x];
        }
        for (int y = 1; y < visibleNr; y++) {
            float yp = (float) (((double) (float) y + 0.5) / (float) cell - 0.5);
            int iyp = (int) Math.floor(yp);
            float vy0 = yp - iyp;
            float vy1 = (float) (1.0 - vy0);
            int row = y * stride;
            int h1 = (iyp + 1) * histNc;
            int h2 = (iyp + 2) * histNc;
            int x = 1;
            // dlib's 8-lane SIMD part of the row: blocks of 8 from x = 1 while x < visibleNc - 7
            for (; x < simdEnd; x++) {
                int p = row + x * 3;
                int rx = (rgb[p + 3] & 0xFF) - (rgb[p - 3] & 0xFF);
                int ry = (rgb[p + stride] & 0xFF) - (rgb[p - stride] & 0xFF);
                int gx = (rgb[p + 4] & 0xFF) - (rgb[p - 2] & 0xFF);
                int gy = (rgb[p + 1 + stride] & 0xFF) - (rgb[p + 1 - stride] & 0xFF);
                int bx = (rgb[p + 5] & 0xFF) - (rgb[p - 1] & 0xFF);
                int by = (rgb[p + 2 + stride] & 0xFF) - (rgb[p + 2 - stride] & 0xFF);
                int rlen = rx * rx + ry * ry;
                int glen = gx * gx + gy * gy;
                int blen = bx * bx + by * by;
                // SIMD tie-break: red only when strictly stronger than green, then blue unless weaker
                // (written as selects: which channel wins is unpredictable, so branches would stall)
                boolean redWins = rlen > glen;
                int tx = redWins ? rx : gx;
                int ty = redWins ? ry : gy;
                int tlen = redWins ? rlen : glen;
                boolean keep = tlen > blen;
                tx = keep ? tx : bx;
                ty = keep ? ty : by;
                tlen = keep ? tlen : blen;
                float v = (float) Math.sqrt((float) tlen);
                int o = orientation(tx, ty);
                int ixp = colIxp[x];
                float vx1 = colVx1[x] * v;
                float vx0 = colVx0[x] * v;
                int a = (h1 + ixp) * 18 + o;
                int b = (h2 + ixp) * 18 + o;
                hist[a] += vy1 * vx1;
                hist[b] += vy0 * vx1;
                hist[a + 18] += vy1 * vx0;
                hist[b + 18] += vy0 * vx0;
            }
            // dlib's scalar remainder of the row
            for (; x < visibleNc; x++) {
                int p = row + x * 3;
                int rx = (rgb[p + 3] & 0xFF) - (rgb[p - 3] & 0xFF);
                int ry = (rgb[p + stride] & 0xFF) - (rgb[p - stride] & 0xFF);
                int gx = (rgb[p + 4] & 0xFF) - (rgb[p - 2] & 0xFF);
                int gy = (rgb[p + 1 + stride] & 0xFF) - (rgb[p + 1 - stride] & 0xFF);
                int bx = (rgb[p + 5] & 0xFF) - (rgb[p - 1] & 0xFF);
                int by = (rgb[p + 2 + stride] & 0xFF) - (rgb[p + 2 - stride] & 0xFF);
                int len = rx * rx + ry * ry;
                int tx = rx;
                int ty = ry;
                int glen = gx * gx + gy * gy;
                int blen = bx * bx + by * by;
                // scalar tie-break: a later channel wins only when strictly stronger
                if (glen > len) {
                    len = glen;
                    tx = gx;
                    ty = gy;
                }
                if (blen > len) {
                    len = blen;
                    tx = bx;
                    ty = by;
                }
                int o = orientation(tx, ty);
                float v = (float) Math.sqrt((float) len);
                float xp = (float) (((double) x + 0.5) / (double) cell - 0.5);
                int ixp = (int) Math.floor(xp);
                float vx0 = xp - ixp;
                float vx1 = (float) (1.0 - vx0);
                int i11 = (h1 + ixp + 1) * 18 + o;
                int i01 = (h2 + ixp + 1) * 18 + o;
                int i10 = (h1 + ixp + 2) * 18 + o;
                int i00 = (h2 + ixp + 2) * 18 + o;
                hist[i11] = Math.fma(vy1 * vx1, v, hist[i11]);
                hist[i01] = Math.fma(vy0 * vx1, v, hist[i01]);
                hist[i10] = Math.fma(vy1 * vx0, v, hist[i10]);
                hist[i00] = Math.fma(vy0 * vx0, v, hist[i00]);
            }
        }
        // energy of each cell, summed over the 9 contrast-insensitive orientations
        float[] norm = ws.norm(cellsNr * cellsNc);
        for (int r = 0; r < cellsNr; r++) {
            for (int c = 0; c < cellsNc; c++) {
                int h = ((r + 1) * histNc + c + 1) * 18;
                float n = 0;
                for (int o = 0; o < 9; o++) {
                    float s = hist[h + o] + hist[h + o + 9];
                    n = Math.fma(s, s, n);
                }
                norm[r * cellsNc + c] = n;
            }
        }
        int outNr = hogNr + rowsPad - 1;
        int outNc = hogNc + colsPad - 1;
        float[][] planes = ws.planes(outNr * outNc);
        int rowOff = (rowsPad - 1) / 2;
        int colOff = (colsPad - 1) / 2;
        for (float[] plane : planes) {
            zeroPadding(plane, outNr, outNc, rowOff, rowOff + hogNr, colOff, colOff + hogNc);
        }
        // the 4 block norms are dlib's 4 SIMD lanes; they live in locals (k = 0..3) rather than small
        // arrays so that C2 keeps them in registers; per lane the operations are unchanged
        for (int y = 0; y < hogNr; y++) {
            int r0 = y * cellsNc;
            int r1 = (y + 1) * cellsNc;
            int r2 = (y + 2) * cellsNc;
            for (int x = 0; x < hogNc; x++) {
                float a = norm[r1 + x + 1];
                float z1a = a;
                float z1b = norm[r0 + x + 1];
                float z1c = norm[r1 + x];
                float z1d = norm[r0 + x];
                float z2a = norm[r1 + x + 2];
                float z2b = norm[r0 + x + 2];
                float z2c = a;
                float z2d = norm[r0 + x + 1];
                float z3a = norm[r2 + x + 1];
                float z3b = a;
                float z3c = norm[r2 + x];
                float z3d = norm[r1 + x];
                float z4a = norm[r2 + x + 2];
                float z4b = norm[r1 + x + 2];
                float z4c = norm[r2 + x + 1];
                float z4d = a;
                float nn0 = 0.2f * (float) Math.sqrt(z1a + z2a + z3a + z4a + EPS);
                float nn1 = 0.2f * (float) Math.sqrt(z1b + z2b + z3b + z4b + EPS);
                float nn2 = 0.2f * (float) Math.sqrt(z1c + z2c + z3c + z4c + EPS);
                float nn3 = 0.2f * (float) Math.sqrt(z1d + z2d + z3d + z4d + EPS);
                float n0 = 0.1f / nn0;
                float n1 = 0.1f / nn1;
                float n2 = 0.1f / nn2;
                float n3 = 0.1f / nn3;
                float t0 = 0;
                float t1 = 0;
                float t2 = 0;
                float t3 = 0;
                int h = ((y + 2) * histNc + x + 2) * 18;
                int out = (y + rowOff) * outNc + x + colOff;
                for (int o = 0; o < 18; o += 3) {
                    float v0 = hist[h + o];
                    float v1 = hist[h + o + 1];
                    float v2 = hist[h + o + 2];
                    float a0 = Math.min(v0, nn0) * n0;
                    float a1 = Math.min(v0, nn1) * n1;
                    float a2 = Math.min(v0, nn2) * n2;
                    float a3 = Math.min(v0, nn3) * n3;
                    float b0 = Math.min(v1, nn0) * n0;
                    float b1 = Math.min(v1, nn1) * n1;
                    float b2 = Math.min(v1, nn2) * n2;
                    float b3 = Math.min(v1, nn3) * n3;
                    float c0 = Math.min(v2, nn0) * n0;
                    float c1 = Math.min(v2, nn1) * n1;
                    float c2 = Math.min(v2, nn2) * n2;
                    float c3 = Math.min(v2, nn3) * n3;
                    t0 += a0 + b0 + c0;
                    t1 += a1 + b1 + c1;
                    t2 += a2 + b2 + c2;
                    t3 += a3 + b3 + c3;
                    // the horizontal sum of 4 lanes in the order of SSE4.1's dpps: (a+b)+(c+d)
                    planes[o][out] = (a0 + a1) + (a2 + a3);
                    planes[o + 1][out] = (b0 + b1) + (b2 + b3);
                    planes[o + 2][out] = (c0 + c1) + (c2 + c3);
                }
                for (int o = 0; o < 9; o++) {
                    float v0 = hist[h + o] + hist[h + o + 9];
                    planes[o + 18][out] = (Math.min(v0, nn0) * n0 + Math.min(v0, nn1) * n1)
                            + (Math.min(v0, nn2) * n2 + Math.min(v0, nn3) * n3);
                }
                planes[27][out] = t0 * TEXTURE_SCALE;
                planes[28][out] = t1 * TEXTURE_SCALE;
                planes[29][out] = t2 * TEXTURE_SCALE;
                planes[30][out] = t3 * TEXTURE_SCALE;
            }
        }
        return new Features(outNc, outNr, planes);
    }

    /** Zeroes an {@code nr×nc} plane outside rows [r0, r1) × columns [c0, c1), which the caller writes. */
    private static void zeroPadding(float[] plane, int nr, int nc, int r0, int r1, int c0, int c1) {
        Arrays.fill(plane, 0, r0 * nc, 0f);
        for (int r = r0; r < r1; r++) {
            Arrays.fill(plane, r * nc, r * nc + c0, 0f);
            Arrays.fill(plane, r * nc + c1, (r + 1) * nc, 0f);
        }
        Arrays.fill(plane, r1 * nc, nr * nc, 0f);
    }

    /**
     * {@link #snap} for every gradient a byte image can have (both components in [-255, 255]),
     * computed once: the same function, looked up instead of evaluated per pixel.
     */
    private static final byte[] ORIENTATION = new byte[511 * 511];

    static {
        for (int gy = -255; gy <= 255; gy++) {
            for (int gx = -255; gx <= 255; gx++) {
                ORIENTATION[(gy + 255) * 511 + gx + 255] = (byte) snap(gx, gy);
            }
        }
    }

    private static int orientation(int gx, int gy) {
        return ORIENTATION[(gy + 255) * 511 + gx + 255];
    }

    /** Snaps a gradient to one of 18 directions: 0-8 along {@code DIR}, 9-17 against it. */
    private static int snap(int gx, int gy) {
        float fx = gx;
        float fy = gy;
        float best = 0;
        int bestO = 0;
        for (int o = 0; o < 9; o++) {
            float dot = Math.fma(DIR_Y[o], fy, DIR_X[o] * fx);
            if (dot > best) {
                best = dot;
                bestO = o;
            } else if (-dot > best) {
                best = -dot;
                bestO = o + 9;
            }
        }
        return bestO;
    }
}
