package org.facecensus.image;

import static org.facecensus.testsupport.Pixels.assertSamePixels;
import static org.facecensus.testsupport.Pixels.assertSameSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.facecensus.testsupport.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Resizing and cropping, checked against direct computations on a real photo. */
class ImageOpsTest {
    private static RgbImage photo;

    @BeforeAll
    static void load() {
        photo = ImageLoader.defaults().load(SharedData.file(SharedData.LANDSCAPE_JPEG)); // 500x375
    }

    private static int channel(RgbImage image, int x, int y, int c) {
        return image.rgb(x, y) >> (16 - 8 * c) & 0xff;
    }

    @Test
    void integerDownscaleIsTheBlockMean() {
        for (int factor : new int[] {2, 3, 5}) {
            int w = photo.width() / factor;
            int h = photo.height() / factor;
            RgbImage src = ImageOps.crop(photo, 0, 0, w * factor, h * factor, 0);
            RgbImage small = ImageOps.resize(src, w, h);
            assertSameSize(w, h, small);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < 3; c++) {
                        double sum = 0;
                        for (int dy = 0; dy < factor; dy++) {
                            for (int dx = 0; dx < factor; dx++) {
                                sum += channel(src, x * factor + dx, y * factor + dy, c);
                            }
                        }
                        double mean = sum / (factor * factor);
                        int got = channel(small, x, y, c);
                        if (!(Math.abs(got - mean) <= 1.0)) fail(String.format(
                                "factor %d (%d,%d) channel %d: block mean %.2f, got %d", factor, x, y, c, mean, got));
                    }
                }
            }
        }
    }

    @Test
    void fractionalDownscaleKeepsTheMeanAndStaysWithinCoveredPixels() {
        RgbImage small = ImageOps.resize(photo, 333, 250); // 1.5x on both axes
        assertSameSize(333, 250, small);
        for (int c = 0; c < 3; c++) {
            double before = 0;
            for (int y = 0; y < photo.height(); y++) {
                for (int x = 0; x < photo.width(); x++) {
                    before += channel(photo, x, y, c);
                }
            }
            double after = 0;
            for (int y = 0; y < small.height(); y++) {
                for (int x = 0; x < small.width(); x++) {
                    after += channel(small, x, y, c);
                }
            }
            before /= photo.pixelCount();
            after /= small.pixelCount();
            // Area averaging conserves the mean (up to per-pixel rounding and the 500/333 remainder).
            assertEquals(before, after, 0.6, "channel " + c + " mean");
        }
        // Output pixel (10, 20) covers source x in [15, 16.5), y in [30, 31.5): within their range.
        for (int c = 0; c < 3; c++) {
            int min = 255;
            int max = 0;
            for (int y = 30; y <= 31; y++) {
                for (int x = 15; x <= 16; x++) {
                    min = Math.min(min, channel(photo, x, y, c));
                    max = Math.max(max, channel(photo, x, y, c));
                }
            }
            int got = channel(small, 10, 20, c);
            assertTrue(got >= min && got <= max, "channel " + c + ": " + got + " not in [" + min + "," + max + "]");
        }
    }

    @Test
    void upscaleIsBilinearWithHalfPixelCentres() {
        RgbImage src = ImageOps.crop(photo, 200, 120, 40, 30, 0);
        int ow = 100; // 2.5x
        int oh = 60;  // 2x
        RgbImage big = ImageOps.resize(src, ow, oh);
        assertSameSize(ow, oh, big);
        for (int y = 0; y < oh; y++) {
            double sy = (y + 0.5) * src.height() / oh - 0.5;
            int y0 = (int) Math.floor(sy);
            double fy = sy - y0;
            int ya = Math.max(0, Math.min(src.height() - 1, y0));
            int yb = Math.max(0, Math.min(src.height() - 1, y0 + 1));
            for (int x = 0; x < ow; x++) {
                double sx = (x + 0.5) * src.width() / ow - 0.5;
                int x0 = (int) Math.floor(sx);
                double fx = sx - x0;
                int xa = Math.max(0, Math.min(src.width() - 1, x0));
                int xb = Math.max(0, Math.min(src.width() - 1, x0 + 1));
                for (int c = 0; c < 3; c++) {
                    double top = channel(src, xa, ya, c) * (1 - fx) + channel(src, xb, ya, c) * fx;
                    double bottom = channel(src, xa, yb, c) * (1 - fx) + channel(src, xb, yb, c) * fx;
                    double expected = top * (1 - fy) + bottom * fy;
                    int got = channel(big, x, y, c);
                    if (!(Math.abs(got - expected) <= 0.51)) fail(String.format(
                            "(%d,%d) channel %d: expected %.2f, got %d", x, y, c, expected, got));
                }
            }
        }
        // Corners copy the corner pixels exactly (clamped), e.g. OpenCV INTER_LINEAR.
        assertEquals(src.rgb(0, 0), big.rgb(0, 0));
        assertEquals(src.rgb(39, 29), big.rgb(ow - 1, oh - 1));
    }

    @Test
    void mixedDirectionsAndOnePixelTargets() {
        RgbImage wide = ImageOps.resize(photo, 1000, 100); // up in x, down in y
        assertSameSize(1000, 100, wide);
        RgbImage dot = ImageOps.resize(photo, 1, 1);
        // One pixel is the mean of the whole photo.
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (int y = 0; y < photo.height(); y++) {
                for (int x = 0; x < photo.width(); x++) {
                    sum += channel(photo, x, y, c);
                }
            }
            assertEquals(sum / photo.pixelCount(), channel(dot, 0, 0, c), 1.0, "channel " + c);
        }
    }

    @Test
    void uniformImagesStayExactlyUniform() {
        RgbImage flat = ImageOps.crop(photo, -1000, -1000, 97, 61, 0x3c7fe1); // entirely outside: all fill
        for (int[] size : new int[][] {{13, 7}, {96, 60}, {97, 61}, {300, 200}, {1, 1}, {500, 3}}) {
            RgbImage r = ImageOps.resize(flat, size[0], size[1]);
            for (int y = 0; y < r.height(); y++) {
                for (int x = 0; x < r.width(); x++) {
                    if (r.rgb(x, y) != 0x3c7fe1) {
                        fail(size[0] + "x" + size[1] + " at (" + x + "," + y + "): #" + Integer.toHexString(r.rgb(x, y)));
                    }
                }
            }
        }
    }

    @Test
    void sameSizeIsIdentity() {
        assertSamePixels(photo, ImageOps.resize(photo, photo.width(), photo.height()));
        assertSamePixels(photo, ImageOps.scale(photo, 1.0));
    }

    @Test
    void scaleRoundsTheSize() {
        assertSameSize(250, 188, ImageOps.scale(photo, 0.5)); // 187.5 rounds up
        assertSameSize(1, 1, ImageOps.scale(photo, 0.0001));
        assertSameSize(750, 563, ImageOps.scale(photo, 1.5));
    }

    @Test
    void invalidSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ImageOps.resize(photo, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> ImageOps.resize(photo, 10, -1));
        assertThrows(IllegalArgumentException.class, () -> ImageOps.crop(photo, 0, 0, 0, 5, 0));
    }

    @Test
    void cropInsideCopiesPixels() {
        RgbImage crop = ImageOps.crop(photo, 123, 45, 67, 89, 0xffffff);
        assertSameSize(67, 89, crop);
        for (int y = 0; y < 89; y++) {
            for (int x = 0; x < 67; x++) {
                assertEquals(photo.rgb(123 + x, 45 + y), crop.rgb(x, y));
            }
        }
    }

    @Test
    void cropPastTheBorderIsFilled() {
        int fill = 0x123456;
        int x0 = -20;
        int y0 = photo.height() - 30;
        RgbImage crop = ImageOps.crop(photo, x0, y0, 60, 50, fill);
        assertSameSize(60, 50, crop);
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 60; x++) {
                int sx = x0 + x;
                int sy = y0 + y;
                boolean inside = sx >= 0 && sy >= 0 && sx < photo.width() && sy < photo.height();
                int expected = inside ? photo.rgb(sx, sy) : fill;
                if (crop.rgb(x, y) != expected) {
                    assertEquals(expected, crop.rgb(x, y), "(" + x + "," + y + ")");
                }
            }
        }
        // Channel order of the fill: R = 0x12 first in the byte layout.
        byte[] bytes = crop.toByteArray();
        assertEquals(0x12, bytes[0] & 0xff);
        assertEquals(0x34, bytes[1] & 0xff);
        assertEquals(0x56, bytes[2] & 0xff);
    }
}
