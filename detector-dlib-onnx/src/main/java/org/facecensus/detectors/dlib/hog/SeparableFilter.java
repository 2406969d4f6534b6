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
 * <p>The loops run over columns innermost with one accumulator array per dlib accumulator, so each
 * output sees exactly dlib's sequence of operations while the JIT vectorises across columns.
 *
 * <p>Thread-safety: not thread-safe; one instance per thread (it owns work arrays).
 */
final class SeparableFilter {
    private float[] scratch = new float[0];
    private float[] acc1 = new float[0];
    private float[] acc2 = new float[0];
    private float[] acc3 = new float[0];
    private float[] tmp = new float[0];

    /**
     * Fills {@code out} (row-major, at least the planes' size) with the bank's response and returns
     * the valid area {left, top, right, bottom}.
     */
    int[] apply(HogModel.FilterBank bank, FHog.Features f, float[] out) {
        int nr = f.height();
        int nc = f.width();
        if (scratch.length < nr * nc) {
            scratch = new float[nr * nc];
        }
        if (acc1.length < nc) {
            acc1 = new float[nc];
            acc2 = new float[nc];
            acc3 = new float[nc];
        }
        float[][][] rows = bank.rowFilters();
        float[][][] cols = bank.colFilters();
        int[] area = null;
        boolean first = true;
        for (int p = 0; p < rows.length; p++) {
            for (int j = 0; j < rows[p].length; j++) {
                area = filter(f.planes()[p], nr, nc, rows[p][j], cols[p][j], out, !first);
                first = false;
            }
        }
        if (first) {
            Arrays.fill(out, 0, nr * nc, 0f);
            return new int[] {0, 0, -1, -1};
        }
        return area;
    }

    private int[] filter(float[] in, int nr, int nc, float[] row, float[] col, float[] out, boolean addTo) {
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
        float[] s = scratch;
        int width = simdEnd - firstCol;
        if (tmp.length < width) {
            tmp = new float[width];
        }
        float[] t = tmp;
        float[] a1 = acc1;
        float[] a2 = acc2;
        float[] a3 = acc3;
        int taps = row.length;
        int tripleEnd = 0;
        while (tripleEnd < taps - 2) {
            tripleEnd += 3;
        }
        // row pass: scratch[r][c] = sum_n in[r][c - firstCol + n] * row[n]
        for (int r = 0; r < nr; r++) {
            int base = r * nc;
            Arrays.fill(a1, 0, width, 0f);
            Arrays.fill(a2, 0, width, 0f);
            Arrays.fill(a3, 0, width, 0f);
            int n = 0;
            for (; n < tripleEnd; n += 3) {
                accumulate(a1, in, base + n, t, row[n], width);
                accumulate(a2, in, base + n + 1, t, row[n + 1], width);
                accumulate(a3, in, base + n + 2, t, row[n + 2], width);
            }
            for (; n < taps; n++) {
                accumulate(a1, in, base + n, t, row[n], width);
            }
            combine(a1, a2, a3, t, width);
            System.arraycopy(t, 0, s, base + firstCol, width);
            for (int c = simdEnd; c < lastCol; c++) {
                float v = 0;
                for (int k = 0; k < taps; k++) {
                    v = Math.fma(in[base + c - firstCol + k], row[k], v);
                }
                s[base + c] = v;
            }
        }
        int ctaps = col.length;
        int ctripleEnd = 0;
        while (ctripleEnd < ctaps - 2) {
            ctripleEnd += 3;
        }
        // column pass: out[r][c] (+)= sum_m scratch[r - firstRow + m][c] * col[m]
        for (int r = firstRow; r < lastRow; r++) {
            int base = (r - firstRow) * nc + firstCol;
            Arrays.fill(a1, 0, width, 0f);
            Arrays.fill(a2, 0, width, 0f);
            Arrays.fill(a3, 0, width, 0f);
            int m = 0;
            for (; m < ctripleEnd; m += 3) {
                accumulate(a1, s, base + m * nc, t, col[m], width);
                accumulate(a2, s, base + (m + 1) * nc, t, col[m + 1], width);
                accumulate(a3, s, base + (m + 2) * nc, t, col[m + 2], width);
            }
            for (; m < ctaps; m++) {
                accumulate(a1, s, base + m * nc, t, col[m], width);
            }
            int o = r * nc + firstCol;
            if (addTo) {
                System.arraycopy(out, o, t, 0, width);
                combineAdd(a1, a2, a3, t, width);
            } else {
                combine(a1, a2, a3, t, width);
            }
            System.arraycopy(t, 0, out, o, width);
            int ob = r * nc;
            int sb = (r - firstRow) * nc;
            for (int c = simdEnd; c < lastCol; c++) {
                float v = 0;
                for (int k = 0; k < ctaps; k++) {
                    v = Math.fma(s[sb + k * nc + c], col[k], v);
                }
                out[ob + c] = addTo ? v + out[ob + c] : v;
            }
        }
        return new int[] {firstCol, firstRow, lastCol - 1, lastRow - 1};
    }

    /*
     * HotSpot 17 vectorises a loop only when its loads and stores use the same index, so each tap's
     * source row is first copied to a work row at offset 0 (a plain memory copy) and then accumulated
     * index for index. Per output the operations, and their order, are dlib's.
     */

    /** {@code acc[k] = fma(src[offset + k], f, acc[k])} for k in [0, width). */
    private static void accumulate(float[] acc, float[] src, int offset, float[] t, float f, int width) {
        System.arraycopy(src, offset, t, 0, width);
        for (int k = 0; k < width; k++) {
            acc[k] = Math.fma(t[k], f, acc[k]);
        }
    }

    /** dlib's {@code temp += temp2 + temp3}. */
    private static void combine(float[] a1, float[] a2, float[] a3, float[] t, int width) {
        for (int k = 0; k < width; k++) {
            t[k] = a1[k] + (a2[k] + a3[k]);
        }
    }

    /** As {@link #combine}, then added to the saliency already in {@code t}. */
    private static void combineAdd(float[] a1, float[] a2, float[] a3, float[] t, int width) {
        for (int k = 0; k < width; k++) {
            t[k] = a1[k] + (a2[k] + a3[k]) + t[k];
        }
    }

    private static void zeroBorder(float[] img, int nr, int nc, int left, int top, int right, int bottom) {
        for (int r = 0; r < nr; r++) {
            for (int c = 0; c < nc; c++) {
                if (r < top || r > bottom || c < left || c > right) {
                    img[r * nc + c] = 0;
                }
            }
        }
    }
}
