package org.facecensus.image;

import static org.facecensus.testsupport.Pixels.assertSamePixels;
import static org.facecensus.testsupport.Pixels.assertSameSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.facecensus.testsupport.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EXIF orientation: a hand-built APP1 segment (TIFF header + IFD0 holding tag 0x0112) is inserted
 * into a real JPEG. The entropy-coded data is untouched, so the decoded pixels are exactly the
 * un-tagged file's, moved as the tag says.
 */
class ExifOrientationTest {
    private static byte[] original;
    /** The real 360x480 photo in stored order. */
    private static RgbImage stored;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        Path file = SharedData.file(SharedData.PORTRAIT_JPEG);
        original = SharedData.readAll(file);
        assertEquals(-1, indexOf(original, "Exif".getBytes()), "the source photo must not carry EXIF already");
        stored = ImageLoader.defaults().load(file);
    }

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8})
    void loaderAppliesOrientation(int orientation) throws IOException {
        ByteOrder order = orientation % 2 == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Path file = Files.write(dir.resolve("o" + orientation + ".jpg"),
                withApp1(original, exifSegment(tiffWithOrientation(order, orientation))));

        RgbImage upright = ImageLoader.defaults().load(file);
        RgbImage expected = displayed(stored, orientation);
        if (orientation >= 5) {
            assertSameSize(stored.height(), stored.width(), upright);
        } else {
            assertSameSize(stored.width(), stored.height(), upright);
        }
        assertSamePixels(expected, upright);

        RgbImage raw = ImageLoader.defaults().withExifOrientation(false).load(file);
        assertSamePixels(stored, raw);
    }

    @Test
    void orientation6PutsTheStoredTopLeftPixelTopRight() throws IOException {
        Path file = Files.write(dir.resolve("o6.jpg"),
                withApp1(original, exifSegment(tiffWithOrientation(ByteOrder.BIG_ENDIAN, 6))));
        RgbImage upright = ImageLoader.defaults().load(file);
        assertEquals(480, upright.width());
        assertEquals(360, upright.height());
        assertEquals(stored.rgb(0, 0), upright.rgb(upright.width() - 1, 0));
        assertEquals(stored.rgb(stored.width() - 1, stored.height() - 1), upright.rgb(0, upright.height() - 1));
        assertEquals(stored.rgb(0, stored.height() - 1), upright.rgb(0, 0));
    }

    @Test
    void orientationOneAndOutOfRangeValuesKeepStoredOrder() throws IOException {
        for (int value : new int[] {1, 0, 9, 0xffff}) {
            byte[] jpeg = withApp1(original, exifSegment(tiffWithOrientation(ByteOrder.BIG_ENDIAN, value)));
            assertSamePixels(stored, ImageLoader.defaults().decode(jpeg, "orientation-" + value + ".jpg"));
        }
    }

    @Test
    void brokenExifKeepsThePixels() throws IOException {
        byte[] validTiff = tiffWithOrientation(ByteOrder.BIG_ENDIAN, 6);

        byte[] badByteOrder = validTiff.clone();
        badByteOrder[0] = 'X';
        badByteOrder[1] = 'Y';

        byte[] entryCountTooLarge = validTiff.clone();
        entryCountTooLarge[8] = (byte) 0xff;
        entryCountTooLarge[9] = (byte) 0xff;

        byte[] cutShort = java.util.Arrays.copyOf(validTiff, 12);

        byte[] wrongType = validTiff.clone();
        wrongType[13] = 12; // DOUBLE instead of SHORT, with a 4-byte value field that cannot hold it

        byte[][] broken = {badByteOrder, entryCountTooLarge, cutShort, wrongType, new byte[0]};
        for (int i = 0; i < broken.length; i++) {
            byte[] jpeg = withApp1(original, exifSegment(broken[i]));
            Path file = Files.write(dir.resolve("broken" + i + ".jpg"), jpeg);
            RgbImage loaded = ImageLoader.defaults().load(file);
            assertSamePixels(stored, loaded);
        }
    }

    @Test
    void ifd0OffsetPastTheSegmentIsRecoveredByTheMetadataReader() throws IOException {
        // metadata-extractor retries the usual offset 8 when IFD0's offset points outside the data;
        // the orientation entry there is intact, so it is honoured, and nothing fails.
        byte[] tiff = tiffWithOrientation(ByteOrder.BIG_ENDIAN, 3);
        tiff[4] = 0x7f; // IFD0 offset 0x7f000008
        RgbImage loaded = ImageLoader.defaults().decode(withApp1(original, exifSegment(tiff)), "bad-offset.jpg");
        assertSamePixels(displayed(stored, 3), loaded);
    }

    @Test
    void orientationTransformCoversAllEightTags() {
        RgbImage small = ImageOps.crop(stored, 100, 150, 7, 4, 0);
        for (int orientation = 1; orientation <= 8; orientation++) {
            RgbImage applied = Orientation.apply(small, orientation);
            assertSamePixels(displayed(small, orientation), applied);
        }
        assertNotEquals(Orientation.apply(small, 5).rgb(1, 0), Orientation.apply(small, 7).rgb(1, 0),
                "transpose and transverse differ");
    }

    /**
     * Where each stored pixel shows once the tag is honoured, written as the forward map of the EXIF
     * table ("row 0 is the visual ..., column 0 is the visual ..."), independent of the loader's
     * inverse map.
     */
    static RgbImage displayed(RgbImage src, int orientation) {
        int w = src.width();
        int h = src.height();
        boolean transpose = orientation >= 5;
        int ow = transpose ? h : w;
        int oh = transpose ? w : h;
        byte[] out = new byte[w * h * 3];
        for (int sy = 0; sy < h; sy++) {
            for (int sx = 0; sx < w; sx++) {
                int[] d = switch (orientation) {
                    case 1 -> new int[] {sx, sy};
                    case 2 -> new int[] {w - 1 - sx, sy};             // mirrored left-right
                    case 3 -> new int[] {w - 1 - sx, h - 1 - sy};     // upside down
                    case 4 -> new int[] {sx, h - 1 - sy};             // mirrored top-bottom
                    case 5 -> new int[] {sy, sx};                     // row 0 left, column 0 top
                    case 6 -> new int[] {h - 1 - sy, sx};             // row 0 right, column 0 top: turn 90° clockwise
                    case 7 -> new int[] {h - 1 - sy, w - 1 - sx};     // row 0 right, column 0 bottom
                    case 8 -> new int[] {sy, w - 1 - sx};             // row 0 left, column 0 bottom: turn 90° anticlockwise
                    default -> throw new IllegalArgumentException("orientation " + orientation);
                };
                int p = src.rgb(sx, sy);
                int o = (d[1] * ow + d[0]) * 3;
                out[o] = (byte) (p >> 16);
                out[o + 1] = (byte) (p >> 8);
                out[o + 2] = (byte) p;
            }
        }
        return RgbImage.of(ow, oh, out);
    }

    /** A minimal TIFF structure: header, IFD0 with one SHORT entry (0x0112 = orientation), no next IFD. */
    static byte[] tiffWithOrientation(ByteOrder order, int orientation) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(26).order(order);
        b.put(order == ByteOrder.BIG_ENDIAN ? new byte[] {'M', 'M'} : new byte[] {'I', 'I'});
        b.putShort((short) 42);
        b.putInt(8);              // offset of IFD0
        b.putShort((short) 1);    // one entry
        b.putShort((short) 0x0112);
        b.putShort((short) 3);    // SHORT
        b.putInt(1);              // count
        b.putShort((short) orientation);
        b.putShort((short) 0);    // value padding
        b.putInt(0);              // no IFD1
        return b.array();
    }

    /** An APP1 segment holding {@code tiff} after the "Exif\0\0" identifier. */
    static byte[] exifSegment(byte[] tiff) {
        int length = 2 + 6 + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xff);
        out.write(0xe1);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        return out.toByteArray();
    }

    /** {@code jpeg} with {@code segment} inserted after SOI and the JFIF APP0 segment, if any. */
    static byte[] withApp1(byte[] jpeg, byte[] segment) {
        int at = 2;
        if ((jpeg[2] & 0xff) == 0xff && (jpeg[3] & 0xff) == 0xe0) {
            at = 4 + ((jpeg[4] & 0xff) << 8 | (jpeg[5] & 0xff));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, at);
        out.writeBytes(segment);
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
