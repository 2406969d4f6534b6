package org.facecensus.detectors.dlib.hog;

/**
 * dlib's {@code apply_filters_to_fhog} for filter banks whose separable form is cheaper (always the
 * case for the frontal face detector): the sum over the 31 planes and their rank-1 terms of
 * {@code float_spatially_filter_image_separable}. dlib filters 8 columns at a time in SIMD lanes,
 * with three interleaved accumulators (taps n, n+1, n+2), and finishes each row with one scalar
 * accumulator; each accumulation is a fused multiply-add in the reference build. Both orders are
 * reproduced so the scores are dlib's to the last bit.
 *
 * <p>Thread-safety: stateless; the caller owns the work arrays.
 */
final class SeparableFilter {
    private SeparableFilter() {
    }

    /**
     * Fills {@code out} (row-major, the planes' size) and returns the valid area {left, top, right,
     * bottom}; {@code scratch} must be at least as large.
     */
    static int[] apply(HogModel.FilterBank bank, FHog.Features f, float[] out, float[] scratch) {
        int nr = f.height();
        int nc = f.width();
        float[][][] rows = bank.rowFilters();
        float[][][] cols = bank.colFilters();
        int[] area = null;
        boolean first = true;
        for (int p = 0; p < rows.length; p++) {
            for (int j = 0; j < rows[p].length; j++) {
                area = filter(f.planes()[p], nr, nc, rows[p][j], cols[p][j], out, scratch, !first);
                first = false;
            }
        }
        if (first) {
            java.util.Arrays.fill(out, 0, nr * nc, 0f);
            return new int[] {0, 0, -1, -1};
        }
        return area;
    }

    private static int[] filter(float[] in, int nr, int nc, float[] row, float[] col, float[] out, float[] scratch,
            boolean addTo) {
        int firstRow = col.length / 2;
        int firstCol = row.length / 2;
        int lastRow = nr - (col.length - 1) / 2;
        int lastCol = nc - (row.length - 1) / 2;
        if (!addTo) {
            zeroBorder(out, nr, nc, firstCol, firstRow, lastCol - 1, lastRow - 1);
        }
        int simdEnd = firstCol;
        while (simdEnd < lastCol - 7) {
            simdEnd += 8;
        }
        int taps = row.length;
        int tripleEnd = 0;
        while (tripleEnd < taps - 2) {
            tripleEnd += 3;
        }
        for (int r = 0; r < nr; r++) {
            int base = r * nc - firstCol;
            for (int c = firstCol; c < lastCol; c++) {
                int i = base + c;
                float t;
                if (c < simdEnd) {
                    float t1 = 0;
                    float t2 = 0;
                    float t3 = 0;
                    int n = 0;
                    for (; n < tripleEnd; n += 3) {
                        t1 = Math.fma(in[i + n], row[n], t1);
                        t2 = Math.fma(in[i + n + 1], row[n + 1], t2);
                        t3 = Math.fma(in[i + n + 2], row[n + 2], t3);
                    }
                    for (; n < taps; n++) {
                        t1 = Math.fma(in[i + n], row[n], t1);
                    }
                    t = t1 + (t2 + t3);
                } else {
                    t = 0;
                    for (int n = 0; n < taps; n++) {
                        t = Math.fma(in[i + n], row[n], t);
                    }
                }
                scratch[r * nc + c] = t;
            }
        }
        int ctaps = col.length;
        int ctripleEnd = 0;
        while (ctripleEnd < ctaps - 2) {
            ctripleEnd += 3;
        }
        for (int r = firstRow; r < lastRow; r++) {
            int base = (r - firstRow) * nc;
            for (int c = firstCol; c < lastCol; c++) {
                int i = base + c;
                float t;
                if (c < simdEnd) {
                    float t1 = 0;
                    float t2 = 0;
                    float t3 = 0;
                    int m = 0;
                    for (; m < ctripleEnd; m += 3) {
                        t1 = Math.fma(scratch[i + m * nc], col[m], t1);
                        t2 = Math.fma(scratch[i + (m + 1) * nc], col[m + 1], t2);
                        t3 = Math.fma(scratch[i + (m + 2) * nc], col[m + 2], t3);
                    }
                    for (; m < ctaps; m++) {
                        t1 = Math.fma(scratch[i + m * nc], col[m], t1);
                    }
                    t = t1 + (t2 + t3);
                } else {
                    t = 0;
                    for (int m = 0; m < ctaps; m++) {
                        t = Math.fma(scratch[i + m * nc], col[m], t);
                    }
                }
                int o = r * nc + c;
                out[o] = addTo ? t + out[o] : t;
            }
        }
        return new int[] {firstCol, firstRow, lastCol - 1, lastRow - 1};
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
