package org.facecensus.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;

import org.facecensus.image.RgbImage;

/** Pixel comparisons with messages that point at the first difference. */
public final class Pixels {
    private Pixels() {
    }

    public static void assertSameSize(int width, int height, RgbImage actual) {
        assertEquals(width + "x" + height, actual.width() + "x" + actual.height(), "image size");
    }

    /** Every pixel equal. */
    public static void assertSamePixels(RgbImage expected, RgbImage actual) {
        assertMaxDiff(expected, actual, 0);
    }

    /** Every channel of every pixel within {@code tolerance}. */
    public static void assertMaxDiff(RgbImage expected, RgbImage actual, int tolerance) {
        assertSameSize(expected.width(), expected.height(), actual);
        for (int y = 0; y < expected.height(); y++) {
            for (int x = 0; x < expected.width(); x++) {
                int e = expected.rgb(x, y);
                int a = actual.rgb(x, y);
                if (channelDiff(e, a) > tolerance) {
                    fail(String.format("pixel (%d,%d): expected #%06x, got #%06x (tolerance %d)", x, y, e, a,
                            tolerance));
                }
            }
        }
    }

    /** The same check against AWT's packed ARGB/RGB view of an image (alpha ignored). */
    public static void assertSamePixels(BufferedImage expected, RgbImage actual) {
        assertSameSize(expected.getWidth(), expected.getHeight(), actual);
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                int e = expected.getRGB(x, y) & 0xffffff;
                int a = actual.rgb(x, y);
                if (e != a) {
                    fail(String.format("pixel (%d,%d): expected #%06x, got #%06x", x, y, e, a));
                }
            }
        }
    }

    /** Largest per-channel absolute difference between two packed RGB values. */
    public static int channelDiff(int a, int b) {
        int max = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            max = Math.max(max, Math.abs((a >> shift & 0xff) - (b >> shift & 0xff)));
        }
        return max;
    }

    /** Mean absolute difference over all channels of two same-size images. */
    public static double meanAbsDiff(RgbImage a, RgbImage b) {
        assertSameSize(a.width(), a.height(), b);
        byte[] x = a.toByteArray();
        byte[] y = b.toByteArray();
        long sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
        }
        return (double) sum / x.length;
    }

    /** Whether every pixel has R == G == B. */
    public static boolean isGray(RgbImage image) {
        byte[] d = image.toByteArray();
        for (int i = 0; i < d.length; i += 3) {
            if (d[i] != d[i + 1] || d[i] != d[i + 2]) {
                return false;
            }
        }
        return true;
    }

    /** Share of pixels whose channels differ by more than 16: a colour photo has many. */
    public static double colourfulShare(RgbImage image) {
        byte[] d = image.toByteArray();
        int n = 0;
        for (int i = 0; i < d.length; i += 3) {
            int r = d[i] & 0xff;
            int g = d[i + 1] & 0xff;
            int b = d[i + 2] & 0xff;
            if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 16) {
                n++;
            }
        }
        return (double) n / (d.length / 3);
    }

    /** Rec. 601 luma of a packed RGB value, rounded. */
    public static int luma(int rgb) {
        return (int) Math.round(0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff));
    }
}
