package org.facecensus.dataset.quality;

import org.facecensus.image.ImageOps;
import org.facecensus.image.RgbImage;

/**
 * The 64-bit DCT perceptual hash (pHash): the image shrunk to 32×32 grey, its 2-D DCT, and one bit per
 * coefficient of the 8×8 lowest frequencies (without the DC term's influence on the median) saying whether it
 * is above their median. Two copies of one picture get the same hash; re-encoding or mild resizing flips a
 * few bits; different faces differ in about half of them. Compare hashes with {@link #distance}.
 *
 * <p>Thread-safety: stateless; all methods are thread-safe.
 */
public final class PerceptualHash {
    private static final int SIDE = 32;
    private static final int LOW = 8;
    private static final double[][] COS = new double[LOW][SIDE];

    static {
        for (int u = 0; u < LOW; u++) {
            for (int x = 0; x < SIDE; x++) {
                COS[u][x] = Math.cos((2 * x + 1) * u * Math.PI / (2 * SIDE));
            }
        }
    }

    private PerceptualHash() {
    }

    /** The hash of {@code image}. */
    public static long of(RgbImage image) {
        double[] grey = Grey.of(ImageOps.resize(image, SIDE, SIDE));
        // Separable DCT-II, only the 8×8 lowest frequencies are needed.
        double[][] rows = new double[SIDE][LOW];
        for (int y = 0; y < SIDE; y++) {
            for (int u = 0; u < LOW; u++) {
                double s = 0;
                for (int x = 0; x < SIDE; x++) {
                    s += grey[y * SIDE + x] * COS[u][x];
                }
                rows[y][u] = s;
            }
        }
        double[] coeff = new double[LOW * LOW];
        for (int v = 0; v < LOW; v++) {
            for (int u = 0; u < LOW; u++) {
                double s = 0;
                for (int y = 0; y < SIDE; y++) {
                    s += rows[y][u] * COS[v][y];
                }
                coeff[v * LOW + u] = s;
            }
        }
        // Median of the 63 AC coefficients: the DC term only says how bright the picture is.
        double[] ac = java.util.Arrays.copyOfRange(coeff, 1, coeff.length);
        java.util.Arrays.sort(ac);
        double median = ac[ac.length / 2];
        long hash = 0;
        for (int i = 0; i < coeff.length; i++) {
            if (coeff[i] > median) {
                hash |= 1L << i;
            }
        }
        return hash;
    }

    /** The number of differing bits, 0 (same picture) to 64. */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    /** The hash as 16 hex digits, as the manifest writes it. */
    public static String hex(long hash) {
        return String.format(java.util.Locale.ROOT, "%016x", hash);
    }

    /** Reads {@link #hex}'s form back. */
    public static long parse(String hex) {
        return Long.parseUnsignedLong(hex, 16);
    }
}
