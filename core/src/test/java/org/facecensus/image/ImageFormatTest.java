package org.facecensus.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The magic numbers, byte for byte, and the look-alikes that must not match. */
class ImageFormatTest {
    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Optional<ImageFormat> sniff(byte[] head) {
        return ImageFormat.sniff(head);
    }

    @Test
    void eachSignature() {
        assertEquals(ImageFormat.JPEG, sniff(bytes(0xff, 0xd8, 0xff, 0xe0)).orElseThrow());
        assertEquals(ImageFormat.PNG, sniff(bytes(0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0)).orElseThrow());
        assertEquals(ImageFormat.GIF, sniff(ascii("GIF89a....")).orElseThrow());
        assertEquals(ImageFormat.GIF, sniff(ascii("GIF87a....")).orElseThrow());
        byte[] bmp = Arrays.copyOf(ascii("BM"), 20);
        bmp[14] = 40; // BITMAPINFOHEADER
        assertEquals(ImageFormat.BMP, sniff(bmp).orElseThrow());
        assertEquals(ImageFormat.TIFF, sniff(bytes('I', 'I', 42, 0, 8, 0, 0, 0)).orElseThrow());
        assertEquals(ImageFormat.TIFF, sniff(bytes('M', 'M', 0, 42, 0, 0, 0, 8)).orElseThrow());
        assertEquals(ImageFormat.TIFF, sniff(bytes('I', 'I', 43, 0, 8, 0, 0, 0)).orElseThrow(), "BigTIFF");
        assertEquals(ImageFormat.WEBP, sniff(ascii("RIFF\u0010\u0000\u0000\u0000WEBPVP8L")).orElseThrow());
        assertEquals(ImageFormat.JPEG2000, sniff(bytes(0, 0, 0, 12, 'j', 'P', ' ', ' ', 13, 10, 0x87, 10)).orElseThrow());
        assertEquals(ImageFormat.JPEG2000, sniff(bytes(0xff, 0x4f, 0xff, 0x51, 0, 0x2f)).orElseThrow());
        assertEquals(ImageFormat.HEIF, sniff(ImageLoaderArchivalFormatsTest.isoMedia("heic", "mif1")).orElseThrow());
        assertEquals(ImageFormat.HEIF, sniff(ImageLoaderArchivalFormatsTest.isoMedia("mif1", "heic")).orElseThrow());
        assertEquals(ImageFormat.AVIF, sniff(ImageLoaderArchivalFormatsTest.isoMedia("avif", "mif1")).orElseThrow());
        assertEquals(ImageFormat.JPEG_XL, sniff(bytes(0xff, 0x0a, 0xfa)).orElseThrow());
        assertEquals(ImageFormat.JPEG_XL, sniff(bytes(0, 0, 0, 12, 'J', 'X', 'L', ' ', 13, 10, 0x87, 10)).orElseThrow());
        assertEquals(ImageFormat.PSD, sniff(ascii("8BPS\u0000\u0001")).orElseThrow());
    }

    @Test
    void lookAlikesAreNoImages() {
        for (String text : new String[] {"BMW 320i, 1987, Munich", "II. Chapter two", "MM", "RIFF....WAVEfmt ",
                "GIF89", "%PDF-1.7", "<svg xmlns=", "", "\ufeffid,file"}) {
            assertEquals(Optional.empty(), sniff(ascii(text)), text);
        }
        assertEquals(Optional.empty(), sniff(ImageLoaderArchivalFormatsTest.isoMedia("isom", "mp41")), "MP4 video");
        assertEquals(Optional.empty(), sniff(ImageLoaderArchivalFormatsTest.isoMedia("qt  ")), "QuickTime");
    }

    @Test
    void extensionsAndDecodability() {
        assertEquals(ImageFormat.TIFF, ImageFormat.forExtension("TIF").orElseThrow());
        assertEquals(ImageFormat.JPEG2000, ImageFormat.forExtension("j2k").orElseThrow());
        assertEquals(ImageFormat.HEIF, ImageFormat.forExtension("heic").orElseThrow());
        assertTrue(ImageFormat.decodableExtensions().containsAll(
                java.util.List.of("jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp", "jp2", "j2k")));
        assertFalse(ImageFormat.decodableExtensions().contains("heic"));
        assertFalse(ImageFormat.HEIF.isDecodable());
        assertTrue(ImageFormat.HEIF.unsupportedReason().contains("heif-convert"));
    }
}
