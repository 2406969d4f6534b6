package org.facecensus.detectors.dlib.hog;

import java.util.Arrays;

/**
 * dlib's {@code apply_filters_to_fhog} for filter banks whose separable form is cheaper (always the
 * case for the frontal face detector): the sum over the 31 planes and their rank-1 terms of
 * {@code float_spatially_filter_image_separable}. dlib filters 8 columns at a time in SIMD lanes,
 * with three interleaved accumulators (taps n, n+1, n+2), and finishes each row with one scalar
 * accumulator; each accumulation is written as a fused multiply-add, as GCC builds the reference. Both
 * orders are reproduced. The responses still differ from dlib's in the last float step or two (at most 6.1e-7
 * on a 534×400 photo, with identical features and rank-1 terms: see DlibHogPipelineTest), so scores agree to
 * about 1e-6 and boxes exactly; where the remaining difference lies (which of GCC's products it fuses) is not
 * yet known.
 *
 * <p>Speed: HotSpot 17 vectorises a loop only when its loads and stores use the same index. So every
 * image here is kept as one array per row: the row pass reads, at the output's own column index, {@code
 * taps} copies of each plane row shifted by one column each (made once per plane with {@link #load} and
 * shared by every term and filter bank); the column pass reads {@code taps} consecutive rows of the
 * term's row-pass result, again at the output's column index, with no copy at all (a flat image would
 * need a shifted copy of the row-pass result per term). Rows are filtered as the column pass first needs
 * them, so the rows in use stay in the CPU cache. Per output, the operations and their order are dlib's.
 *
 * <p>With the Vector API ({@link TenTapKernel}) the 10-tap loops read the plane at any offset with
 * accumulators in registers, and the shifted copies are not made; the results are the same to the bit.
 *
 * <p>Usage per plane: {@link #load}, then {@link #apply} for each term, into the bank's response.
 *
 * <p>Thread-safety: not thread-safe; one instance per thread (it owns work arrays).
 */
final class SeparableFilter {
    private final int taps;
    /** {@code shifted[k][r][c] = plane[r][c - taps/2 + k]} where that column exists (0 elsewhere, unused). */
    private float[][][] shifted = new float[0][0][];
    /** The current term's row-pass result, one array per plane row. */
    private float[][] rowPass = new float[0][];
    private float[] plane;
    private int nr;
    private int nc;
    private float[] acc1 = new float[0];
    private float[] acc2 = new float[0];
    private float[] acc3 = new float[0];
    /** The column pass's source rows for one output row (the current term's row-pass rows). */
    private final float[][] window;
    /** The generic (not 10-tap) row pass's source rows: one plane row shifted by each tap. */
    private final float[][] rowWindow;
    /** The SIMD loops for 10 taps, or null for the scalar ones (then {@link #shifted} is used). */
    private final TenTapKernel kernel;

    /** For filters of {@code taps × taps} cells, with the given 10-tap loops (null: the scalar ones). */
    SeparableFilter(int taps, TenTapKernel kernel) {
        if (kernel != null && taps != 10) {
            throw new IllegalArgumentException("a 10-tap kernel for " + taps + "-tap filters");
        }
        this.taps = taps;
        this.window = new float[taps][];
        this.rowWindow = new float[taps][];
        this.kernel = kernel;
    }

    /** The 10-tap SIMD loops, or null for the scalar ones. */
    TenTapKernel kernel() {
        return kernel;
    }

    /** The filter size this instance was made for. */
    int taps() {
        return taps;
    }

    /**
     * Rows of {@code nr} arrays of at least {@code nc} floats, reusing {@code rows} when it is large enough; the
     * contents of reused rows are whatever they held.
     */
    static float[][] rows(float[][] rows, int nr, int nc) {
        if (rows.length >= nr && (nr == 0 || rows[0].length >= nc)) {
            return rows;
        }
        return new float[Math.max(nr, rows.length)][Math.max(nc, rows.length == 0 ? 0 : rows[0].length)];
    }

    /** Makes the shifted row copies of one plane ({@code nr × nc}, row-major) for the row pass. */
    void load(float[] in, int nr, int nc) {
        this.plane = in;
        this.nr = nr;
        this.nc = nc;
        rowPass = rows(rowPass, nr, nc);
        if (acc1.length < nc) {
            acc1 = new float[nc];
            acc2 = new float[nc];
            acc3 = new float[nc];
        }
        if (kernel != null) {
            return; // the SIMD row pass reads the plane at any offset: no shifted copies
        }
        if (shifted.length != taps) {
            shifted = new float[taps][0][];
        }
        for (int k = 0; k < taps; k++) {
            shifted[k] = rows(shifted[k], nr, nc);
        }
        int firstCol = taps / 2;
        for (int k = 0; k < taps; k++) {
            // shifted[k][r][c] = in[r*nc + c + shift] for the columns where c + shift is inside the row
            int shift = k - firstCol;
            int from = Math.max(0, -shift);
            int to = Math.min(nc, nc - shift);
            for (int r = 0; r < nr; r++) {
                float[] s = shifted[k][r];
                if (to > from) {
                    System.arraycopy(in, r * nc + from + shift, s, from, to - from);
                }
                Arrays.fill(s, 0, Math.min(from, nc), 0f);
                Arrays.fill(s, Math.max(to, from), nc, 0f);
            }
        }
    }

    /**
     * Adds (or, for the first term, writes) one rank-1 term's response to the loaded plane into
     * {@code out} (one array per row, at least {@code nr × nc}); returns the valid area {left, top, right,
     * bottom}.
     */
    int[] apply(float[] row, float[] col, float[][] out, boolean addTo) {
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
        // Each row-pass row is computed once, just before the first output row that needs it.
        int done = 0;
        for (int r = firstRow; r < lastRow; r++) {
            int need = r - firstRow + col.length;
            for (; done < need; done++) {
                rowPassRow(row, done, firstCol, lastCol, simdEnd);
            }
            columnPassRow(col, out[r], addTo, r - firstRow, firstCol, lastCol, simdEnd);
        }
        return new int[] {firstCol, firstRow, lastCol - 1, lastRow - 1};
    }

    /** Row pass for plane row {@code r}: dlib's 3-accumulator order up to {@code simdEnd}, then its scalar tail. */
    private void rowPassRow(float[] row, int r, int firstCol, int lastCol, int simdEnd) {
        float[] s = rowPass[r];
        if (kernel != null) {
            kernel.rowPass(plane, r * nc - firstCol, row, s, firstCol, simdEnd);
        } else if (row.length == 10) {
            float[][][] sh = shifted;
            fused10(sh[0][r], sh[1][r], sh[2][r], sh[3][r], sh[4][r], sh[5][r], sh[6][r], sh[7][r], sh[8][r],
                    sh[9][r], row, s, firstCol, simdEnd, false);
        }
        if (row.length == 10) {
            // dlib's scalar remainder: one accumulator, taps ascending
            int base = r * nc - firstCol;
            for (int c = simdEnd; c < lastCol; c++) {
                float v = Math.fma(plane[base + c], row[0], 0f);
                for (int q = 1; q < 10; q++) {
                    v = Math.fma(plane[base + c + q], row[q], v);
                }
                s[c] = v;
            }
            return;
        }
        float[][] src = rowWindow;
        for (int k = 0; k < taps; k++) {
            src[k] = shifted[k][r];
        }
        threeAccumulators(src, row, firstCol, simdEnd);
        float[] a1 = acc1;
        float[] a2 = acc2;
        float[] a3 = acc3;
        for (int c = firstCol; c < simdEnd; c++) {
            s[c] = a1[c] + (a2[c] + a3[c]);
        }
        int base = r * nc - firstCol;
        for (int c = simdEnd; c < lastCol; c++) {
            float v = 0;
            for (int q = 0; q < row.length; q++) {
                v = Math.fma(plane[base + c + q], row[q], v);
            }
            s[c] = v;
        }
    }

    /**
     * Column pass for one output row whose taps are row-pass rows {@code top .. top+taps-1}, written or added
     * into {@code out}.
     */
    private void columnPassRow(float[] col, float[] out, boolean addTo, int top, int firstCol, int lastCol,
                               int simdEnd) {
        float[][] w = window;
        for (int q = 0; q < col.length; q++) {
            w[q] = rowPass[top + q];
        }
        if (kernel != null) {
            kernel.columnPass(w, col, out, firstCol, simdEnd, addTo);
        } else if (col.length == 10) {
            fused10(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8], w[9], col, out, firstCol, simdEnd, addTo);
        } else {
            threeAccumulators(w, col, firstCol, simdEnd);
            float[] a1 = acc1;
            float[] a2 = acc2;
            float[] a3 = acc3;
            for (int c = firstCol; c < simdEnd; c++) {
                float t = a1[c] + (a2[c] + a3[c]);
                out[c] = addTo ? t + out[c] : t;
            }
        }
        // dlib's scalar remainder of the row: one accumulator, taps ascending
        for (int c = simdEnd; c < lastCol; c++) {
            float v = 0;
            for (int q = 0; q < col.length; q++) {
                v = Math.fma(w[q][c], col[q], v);
            }
            out[c] = addTo ? v + out[c] : v;
        }
    }

    /**
     * The 8-lane part of a 10-tap pass over columns [from, to): {@code out[c]} gets dlib's {@code a1 + (a2 + a3)}
     * of {@code sK[c]·f[K]}, where a1 takes taps 0, 3, 6, 9, a2 taps 1, 4, 7 and a3 taps 2, 5, 8, each a chain of
     * fused multiply-adds from 0: exactly the operations of one pass per tap, with a quarter of the memory
     * traffic. With {@code addTo} that sum is then added to {@code out[c]} as dlib adds a term to the response.
     * Every array is read at the same index, and each loop is kept small enough for C2 to unroll it
     * (LoopUnrollLimit), which it needs before it vectorises.
     */
    private void fused10(float[] s0, float[] s1, float[] s2, float[] s3, float[] s4, float[] s5, float[] s6,
                         float[] s7, float[] s8, float[] s9, float[] f, float[] out, int from, int to, boolean addTo) {
        float[] a1 = acc1;
        float[] a2 = acc2;
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
     * dlib's three SIMD accumulators for any tap count, over columns [from, to): {@code acc1} takes taps 0, 3, 6, ...
     * (and any last one), {@code acc2} taps 1, 4, 7, ..., {@code acc3} taps 2, 5, 8, ..., each a chain of fused
     * multiply-adds from 0; dlib's result is then {@code acc1 + (acc2 + acc3)}.
     */
    private void threeAccumulators(float[][] src, float[] f, int from, int to) {
        Arrays.fill(acc1, from, to, 0f);
        Arrays.fill(acc2, from, to, 0f);
        Arrays.fill(acc3, from, to, 0f);
        int k = 0;
        for (; k + 2 < f.length; k += 3) {
            fma(acc1, src[k], f[k], from, to);
            fma(acc2, src[k + 1], f[k + 1], from, to);
            fma(acc3, src[k + 2], f[k + 2], from, to);
        }
        for (; k < f.length; k++) {
            fma(acc1, src[k], f[k], from, to);
        }
    }

    /** {@code acc[j] = fma(src[j], f, acc[j])} for j in [from, to). */
    private static void fma(float[] acc, float[] src, float f, int from, int to) {
        for (int j = from; j < to; j++) {
            acc[j] = Math.fma(src[j], f, acc[j]);
        }
    }

    private static void zeroBorder(float[][] img, int nr, int nc, int left, int top, int right, int bottom) {
        for (int r = 0; r < nr; r++) {
            float[] row = img[r];
            if (r < top || r > bottom) {
                Arrays.fill(row, 0, nc, 0f);
            } else {
                Arrays.fill(row, 0, left, 0f);
                Arrays.fill(row, right + 1, nc, 0f);
            }
        }
    }
}
