package org.facecensus.detectors.dlib.hog;

import java.util.Arrays;

/**
 * dlib's {@code apply_filters_to_fhog} for filter banks whose separable form is cheaper (always the
 * case for the frontal face detector): the sum over the 31 planes and their rank-1 terms of
 * {@code float_spatially_filter_image_separable}. dlib filters 8 columns at a time in SIMD lanes,
 * with three interleaved accumulators (taps n, n+1, n+2), and finishes each row with one scalar
 * accumulator; each accumulation is a fused multiply-add in the reference build. Both orders are
 * reproduced, so the scores are dlib's to the last bit.
 *
 * <p>Speed: HotSpot 17 vectorises a loop only when its loads and stores use the same index. So the
 * filters run over whole planes with one accumulator array per dlib accumulator: the row pass reads
 * 10 copies of the plane shifted by one column each (made once per plane with {@link #load} and
 * shared by every term and filter bank), the column pass reads copies of the term's row-pass result
 * shifted by whole rows. Both run in stripes of {@value #STRIPE} output rows so the work rows stay in
 * cache. Per output, the operations and their order are dlib's.
 *
 * <p>Usage per plane: {@link #load}, then {@link #apply} for each term, into the bank's response.
 *
 * <p>Thread-safety: not thread-safe; one instance per thread (it owns work arrays).
 */
final class SeparableFilter {
    /** Output rows per stripe: small enough for the work rows of a 1000-cell-wide plane to stay in L2. */
    private static final int STRIPE = 16;
    private final int taps;
    private float[][] shifted = new float[0][];
    private float[] plane;
    private int nr;
    private int nc;
    private float[] scratch = new float[0];
    private float[] acc1 = new float[0];
    private float[] acc2 = new float[0];
    private float[] acc3 = new float[0];
    private float[] tmp = new float[0];
    /** For 10-tap terms: copies of the row-pass result shifted by whole rows, one per column tap. */
    private float[][] rowShifted = new float[0][];

    /** For filters of {@code taps × taps} cells. */
    SeparableFilter(int taps) {
        this.taps = taps;
    }

    /** The filter size this instance was made for. */
    int taps() {
        return taps;
    }

    /** Makes the shifted copies of one plane ({@code nr × nc}, row-major) for the row pass. */
    void load(float[] in, int nr, int nc) {
        this.plane = in;
        this.nr = nr;
        this.nc = nc;
        int n = nr * nc;
        if (shifted.length != taps || shifted[0].length < n) {
            shifted = new float[taps][n];
            scratch = new float[n];
            acc1 = new float[n];
            acc2 = new float[n];
            acc3 = new float[n];
            tmp = new float[n];
            rowShifted = taps == 10 ? new float[10][n] : new float[0][];
        }
        int firstCol = taps / 2;
        for (int k = 0; k < taps; k++) {
            // shifted[k][j] = in[j - firstCol + k]; the few positions that fall outside stay unused
            int shift = k - firstCol;
            float[] s = shifted[k];
            if (shift >= 0) {
                System.arraycopy(in, shift, s, 0, n - shift);
                Arrays.fill(s, n - shift, n, 0f);
            } else {
                System.arraycopy(in, 0, s, -shift, n + shift);
                Arrays.fill(s, 0, -shift, 0f);
            }
        }
    }

    /**
     * Adds (or, for the first term, writes) one rank-1 term's response to the loaded plane into
     * {@code out}; returns the valid area {left, top, right, bottom}.
     */
    int[] apply(float[] row, float[] col, float[] out, boolean addTo) {
        int firstRow = col.length / 2;
        int firstCol = row.length / 2;
        int lastRow = nr - (col.length - 1) / 2;
        int lastCol = nc - (row.length - 1) / 2;
        if (!addTo) {
            zeroBorder(out, nr, nc, firstCol, firstRow, lastCol - 1, lastRow - 1);
        }
        // dlib's SIMD blocks: 8 columns at a time from firstCol while c < lastCol - 7
        int simdEnd = firstCol;
        while (simdEnd < lastCol - 7) {
            simdEnd += 8;
        }
        // Horizontal stripes of output rows keep the working set in the CPU cache; each row-pass row
        // is computed once, just before the first stripe that needs it.
        int done = 0;
        for (int r0 = firstRow; r0 < lastRow; r0 += STRIPE) {
            int r1 = Math.min(r0 + STRIPE, lastRow);
            int need = r1 - firstRow + col.length - 1;
            if (need > done) {
                rowPass(row, done, need, firstCol, lastCol, simdEnd);
                done = need;
            }
            columnPass(col, out, addTo, r0, r1, firstRow, firstCol, lastCol, simdEnd);
        }
        return new int[] {firstCol, firstRow, lastCol - 1, lastRow - 1};
    }

    /** Row pass for rows [rowFrom, rowTo), in dlib's 3-accumulator order, then its scalar tail. */
    private void rowPass(float[] row, int rowFrom, int rowTo, int firstCol, int lastCol, int simdEnd) {
        float[] a1 = acc1;
        float[] a2 = acc2;
        float[] a3 = acc3;
        float[] s = scratch;
        int from = rowFrom * nc;
        int to = rowTo * nc;
        if (row.length == 10) {
            fused10(shifted, row, s, from, to, false);
        } else {
            Arrays.fill(a1, from, to, 0f);
            Arrays.fill(a2, from, to, 0f);
            Arrays.fill(a3, from, to, 0f);
            int k = 0;
            for (; k + 2 < row.length; k += 3) {
                fma(a1, shifted[k], row[k], from, to);
                fma(a2, shifted[k + 1], row[k + 1], from, to);
                fma(a3, shifted[k + 2], row[k + 2], from, to);
            }
            for (; k < row.length; k++) {
                fma(a1, shifted[k], row[k], from, to);
            }
            combine(a1, a2, a3, s, from, to);
        }
        for (int r = rowFrom; r < rowTo; r++) {
            int base = r * nc;
            if (row.length == 10) {
                tail10(shifted, row, s, base + simdEnd, base + lastCol, false);
                continue;
            }
            for (int c = simdEnd; c < lastCol; c++) {
                float v = 0;
                for (int q = 0; q < row.length; q++) {
                    v = Math.fma(plane[base + c - firstCol + q], row[q], v);
                }
                s[base + c] = v;
            }
        }
    }

    /** Column pass for output rows [r0, r1), written or added into {@code out}. */
    private void columnPass(float[] col, float[] out, boolean addTo, int r0, int r1, int firstRow, int firstCol,
            int lastCol, int simdEnd) {
        float[] a1 = acc1;
        float[] a2 = acc2;
        float[] a3 = acc3;
        float[] s = scratch;
        float[] t = tmp;
        int from = r0 * nc;
        int to = r1 * nc;
        int len = to - from;
        if (col.length == 10) {
            // the 10 row-shifted views of the row-pass result, then one fused pass straight into out
            float[][] rs = rowShifted;
            for (int m = 0; m < 10; m++) {
                System.arraycopy(s, from + (m - firstRow) * nc, rs[m], from, len);
            }
            for (int r = r0; r < r1; r++) {
                int o = r * nc;
                fused10(rs, col, out, o + firstCol, o + simdEnd, addTo);
                tail10(rs, col, out, o + simdEnd, o + lastCol, addTo);
            }
            return;
        }
        Arrays.fill(a1, from, to, 0f);
        Arrays.fill(a2, from, to, 0f);
        Arrays.fill(a3, from, to, 0f);
        int m = 0;
        for (; m + 2 < col.length; m += 3) {
            shiftedFma(a1, s, (m - firstRow) * nc, col[m], t, from, len);
            shiftedFma(a2, s, (m + 1 - firstRow) * nc, col[m + 1], t, from, len);
            shiftedFma(a3, s, (m + 2 - firstRow) * nc, col[m + 2], t, from, len);
        }
        for (; m < col.length; m++) {
            shiftedFma(a1, s, (m - firstRow) * nc, col[m], t, from, len);
        }
        combine(a1, a2, a3, t, from, to);
        for (int r = r0; r < r1; r++) {
            int o = r * nc;
            if (addTo) {
                for (int c = o + firstCol; c < o + simdEnd; c++) {
                    out[c] = t[c] + out[c];
                }
            } else {
                System.arraycopy(t, o + firstCol, out, o + firstCol, simdEnd - firstCol);
            }
        }
        columnTail(col, out, addTo, r0, r1, firstRow, lastCol, simdEnd);
    }

    /** dlib's scalar remainder of each row of the column pass: one accumulator, taps ascending. */
    private void columnTail(float[] col, float[] out, boolean addTo, int r0, int r1, int firstRow, int lastCol,
            int simdEnd) {
        float[] s = scratch;
        for (int r = r0; r < r1; r++) {
            int o = r * nc;
            int sb = (r - firstRow) * nc;
            for (int c = simdEnd; c < lastCol; c++) {
                float v = 0;
                for (int q = 0; q < col.length; q++) {
                    v = Math.fma(s[sb + q * nc + c], col[q], v);
                }
                out[o + c] = addTo ? v + out[o + c] : v;
            }
        }
    }

    /**
     * The 8-lane part of a 10-tap pass: {@code out[j]} gets dlib's {@code a1 + (a2 + a3)} of
     * {@code src[k][j]·f[k]}, where a1 takes taps 0, 3, 6, 9, a2 taps 1, 4, 7 and a3 taps 2, 5, 8,
     * each a chain of fused multiply-adds from 0: exactly the operations of one pass per tap, with a
     * quarter of the memory traffic. With {@code addTo} that sum is then added to {@code out[j]} as
     * dlib adds a term to the response. Every array is read at the same index, and each loop is kept
     * small enough for C2 to unroll it (LoopUnrollLimit), which it needs before it vectorises.
     */
    private void fused10(float[][] src, float[] f, float[] out, int from, int to, boolean addTo) {
        float[] a1 = acc1;
        float[] a2 = acc2;
        float[] s0 = src[0];
        float[] s1 = src[1];
        float[] s2 = src[2];
        float[] s3 = src[3];
        float[] s4 = src[4];
        float[] s5 = src[5];
        float[] s6 = src[6];
        float[] s7 = src[7];
        float[] s8 = src[8];
        float[] s9 = src[9];
        float f0 = f[0];
        float f1 = f[1];
        float f2 = f[2];
        float f3 = f[3];
        float f4 = f[4];
        float f5 = f[5];
        float f6 = f[6];
        float f7 = f[7];
        float f8 = f[8];
        float f9 = f[9];
        for (int j = from; j < to; j++) {
            a1[j] = Math.fma(s9[j], f9, Math.fma(s6[j], f6, Math.fma(s3[j], f3, Math.fma(s0[j], f0, 0f))));
        }
        for (int j = from; j < to; j++) {
            a2[j] = Math.fma(s7[j], f7, Math.fma(s4[j], f4, Math.fma(s1[j], f1, 0f)));
        }
        if (addTo) {
            for (int j = from; j < to; j++) {
                float a3 = Math.fma(s8[j], f8, Math.fma(s5[j], f5, Math.fma(s2[j], f2, 0f)));
                out[j] = (a1[j] + (a2[j] + a3)) + out[j];
            }
        } else {
            for (int j = from; j < to; j++) {
                float a3 = Math.fma(s8[j], f8, Math.fma(s5[j], f5, Math.fma(s2[j], f2, 0f)));
                out[j] = a1[j] + (a2[j] + a3);
            }
        }
    }

    /**
     * dlib's scalar remainder of a row for 10 taps: one accumulator, taps ascending (as the general
     * tail loops), written out so that the CPU overlaps the chains of neighbouring columns.
     */
    private static void tail10(float[][] src, float[] f, float[] out, int from, int to, boolean addTo) {
        for (int j = from; j < to; j++) {
            float v = Math.fma(src[0][j], f[0], 0f);
            v = Math.fma(src[1][j], f[1], v);
            v = Math.fma(src[2][j], f[2], v);
            v = Math.fma(src[3][j], f[3], v);
            v = Math.fma(src[4][j], f[4], v);
            v = Math.fma(src[5][j], f[5], v);
            v = Math.fma(src[6][j], f[6], v);
            v = Math.fma(src[7][j], f[7], v);
            v = Math.fma(src[8][j], f[8], v);
            v = Math.fma(src[9][j], f[9], v);
            out[j] = addTo ? v + out[j] : v;
        }
    }

    /** {@code acc[j] = fma(src[j], f, acc[j])} for j in [from, to). */
    private static void fma(float[] acc, float[] src, float f, int from, int to) {
        for (int j = from; j < to; j++) {
            acc[j] = Math.fma(src[j], f, acc[j]);
        }
    }

    /** {@code acc[j] = fma(src[j + shift], f, acc[j])} for j in [from, from+len), via a copy at the same index. */
    private static void shiftedFma(float[] acc, float[] src, int shift, float f, float[] t, int from, int len) {
        System.arraycopy(src, from + shift, t, from, len);
        fma(acc, t, f, from, from + len);
    }

    /** dlib's {@code temp += temp2 + temp3}. */
    private static void combine(float[] a1, float[] a2, float[] a3, float[] out, int from, int to) {
        for (int j = from; j < to; j++) {
            out[j] = a1[j] + (a2[j] + a3[j]);
        }
    }

    private static void zeroBorder(float[] img, int nr, int nc, int left, int top, int right, int bottom) {
        for (int r = 0; r < nr; r++) {
            int o = r * nc;
            if (r < top || r > bottom) {
                Arrays.fill(img, o, o + nc, 0f);
            } else {
                Arrays.fill(img, o, o + left, 0f);
                Arrays.fill(img, o + right + 1, o + nc, 0f);
            }
        }
    }
}
