package org.facecensus.detectors.dlib.hog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The row-array filter against a literal transcription of dlib's {@code float_spatially_filter_image_separable}
 * (8-lane blocks from {@code first_col} while {@code c < last_col - 7}, three accumulators over taps n, n+1, n+2 in
 * each lane, then a scalar tail with one accumulator; every {@code x += p*f} a fused multiply-add), for the 10-tap
 * filters of dlib's face detector and for another size, which takes the generic path. Responses must be equal to
 * the bit, for a first term and for a term added to an earlier one. The 10-tap filter is checked with both its
 * loops: the scalar ones and the Vector API's ({@link TenTapKernel}), at widths that leave every kind of tail.
 */
class SeparableFilterTest {
    /** Widths: no 8-lane block at all, one, a few, and enough for several full vectors plus each kind of tail. */
    private static final int[] TEN_TAP_WIDTHS = {14, 17, 53, 96, 141, 203};

    @Test
    void tenTapTermsAreDlibsOrderWithTheScalarLoops() {
        for (int nc : TEN_TAP_WIDTHS) {
            check(10, 37, nc, null);
        }
    }

    @Test
    void tenTapTermsAreDlibsOrderWithTheVectorApiLoops() {
        // The build starts every test JVM with --add-modules jdk.incubator.vector (facecensus.test.jvm), so the
        // kernel must be there; a missing one would leave this path untested.
        TenTapKernel vector = TenTapKernel.vector().orElseThrow(
                () -> new AssertionError("the test JVM lacks --add-modules " + TenTapKernel.VECTOR_MODULE));
        assertTrue(vector.name().startsWith("Vector API"), vector.name());
        for (int nc : TEN_TAP_WIDTHS) {
            check(10, 37, nc, vector);
        }
    }

    /**
     * The detector asks for the Vector API loops per image and gets them only once a daemon thread has made them
     * run compiled: a call that may start it does, and it must finish (here within a minute, usually about a second).
     */
    @Test
    void theVectorApiLoopsAreHandedOutOnceWarm() throws InterruptedException {
        TenTapKernel vector = TenTapKernel.vector().orElseThrow(
                () -> new AssertionError("the test JVM lacks --add-modules " + TenTapKernel.VECTOR_MODULE));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        java.util.Optional<TenTapKernel> warm = TenTapKernel.warmVector(true);
        while (warm.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            warm = TenTapKernel.warmVector(false);
        }
        assertTrue(warm.isPresent(), "the Vector API loops did not warm up within a minute");
        assertTrue(warm.get() == vector, "the warm kernel is the loaded one");
        assertNull(new SeparableFilter(7, null).kernel(), "only 10-tap filters have SIMD loops");
        assertThrows(IllegalArgumentException.class, () -> new SeparableFilter(7, vector),
                "a 10-tap kernel is refused for 7-tap filters");
    }

    @Test
    void otherSizesTakeTheGenericPathInDlibsOrder() {
        check(7, 29, 41, null);
        check(4, 12, 19, null);
    }

    private static void check(int taps, int nr, int nc, TenTapKernel kernel) {
        SplittableRandom random = new SplittableRandom(taps * 1000L + nc);
        float[] plane = values(random, nr * nc);
        float[][] rows = {values(random, taps), values(random, taps)};
        float[][] cols = {values(random, taps), values(random, taps)};
        SeparableFilter filter = new SeparableFilter(taps, kernel);
        filter.load(plane, nr, nc);
        float[][] out = new float[nr][nc];
        int[] area = filter.apply(rows[0], cols[0], out, false);
        filter.apply(rows[1], cols[1], out, true);
        float[] expected = new float[nr * nc];
        reference(plane, nr, nc, rows[0], cols[0], expected, false);
        reference(plane, nr, nc, rows[1], cols[1], expected, true);
        for (int r = 0; r < nr; r++) {
            float[] want = new float[nc];
            System.arraycopy(expected, r * nc, want, 0, nc);
            assertArrayEquals(bits(want), bits(java.util.Arrays.copyOf(out[r], nc)),
                    "row " + r + " of a " + taps + "-tap filter, " + nc + " columns, "
                            + (kernel == null ? "scalar loops" : kernel.name()));
        }
        assertEquals(taps / 2, area[0]);
        assertEquals(nc - (taps - 1) / 2 - 1, area[2]);
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    private static float[] values(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }

    /** dlib's loops, one lane at a time (lanes are independent, so this is the SIMD result). */
    private static void reference(float[] in, int nr, int nc, float[] row, float[] col, float[] out, boolean addTo) {
        int firstRow = col.length / 2;
        int firstCol = row.length / 2;
        int lastRow = nr - (col.length - 1) / 2;
        int lastCol = nc - (row.length - 1) / 2;
        if (!addTo) {
            java.util.Arrays.fill(out, 0f);
        }
        float[] scratch = new float[nr * nc];
        for (int r = 0; r < nr; r++) {
            int c = firstCol;
            for (; c < lastCol - 7; c += 8) {
                for (int lane = c; lane < c + 8; lane++) {
                    float t1 = 0;
                    float t2 = 0;
                    float t3 = 0;
                    int n = 0;
                    for (; n < row.length - 2; n += 3) {
                        t1 = Math.fma(in[r * nc + lane - firstCol + n], row[n], t1);
                        t2 = Math.fma(in[r * nc + lane - firstCol + n + 1], row[n + 1], t2);
                        t3 = Math.fma(in[r * nc + lane - firstCol + n + 2], row[n + 2], t3);
                    }
                    for (; n < row.length; n++) {
                        t1 = Math.fma(in[r * nc + lane - firstCol + n], row[n], t1);
                    }
                    scratch[r * nc + lane] = t1 + (t2 + t3);
                }
            }
            for (; c < lastCol; c++) {
                float t = 0;
                for (int n = 0; n < row.length; n++) {
                    t = Math.fma(in[r * nc + c - firstCol + n], row[n], t);
                }
                scratch[r * nc + c] = t;
            }
        }
        for (int r = firstRow; r < lastRow; r++) {
            int c = firstCol;
            for (; c < lastCol - 7; c += 8) {
                for (int lane = c; lane < c + 8; lane++) {
                    float t1 = 0;
                    float t2 = 0;
                    float t3 = 0;
                    int m = 0;
                    for (; m < col.length - 2; m += 3) {
                        t1 = Math.fma(scratch[(r - firstRow + m) * nc + lane], col[m], t1);
                        t2 = Math.fma(scratch[(r - firstRow + m + 1) * nc + lane], col[m + 1], t2);
                        t3 = Math.fma(scratch[(r - firstRow + m + 2) * nc + lane], col[m + 2], t3);
                    }
                    for (; m < col.length; m++) {
                        t1 = Math.fma(scratch[(r - firstRow + m) * nc + lane], col[m], t1);
                    }
                    float t = t1 + (t2 + t3);
                    out[r * nc + lane] = addTo ? t + out[r * nc + lane] : t;
                }
            }
            for (; c < lastCol; c++) {
                float t = 0;
                for (int m = 0; m < col.length; m++) {
                    t = Math.fma(scratch[(r - firstRow + m) * nc + c], col[m], t);
                }
                out[r * nc + c] = addTo ? t + out[r * nc + c] : t;
            }
        }
    }
}
