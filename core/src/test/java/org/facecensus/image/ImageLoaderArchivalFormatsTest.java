package org.facecensus.image;

import static org.facecensus.testsupport.Pixels.assertMaxDiff;
import static org.facecensus.testsupport.Pixels.assertSamePixels;
import static org.facecensus.testsupport.Pixels.assertSameSize;
import static org.facecensus.testsupport.Pixels.meanAbsDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.imageio.plugins.tiff.BaselineTIFFTagSet;

import org.facecensus.image.ImageLoadException.Problem;
import org.facecensus.testsupport.Pixels;
import org.facecensus.testsupport.SharedData;
import org.facecensus.testsupport.WebpTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The formats archives and web crawls hold: TIFF, WebP, JPEG 2000, and the ones only recognised (HEIF, AVIF).
 * Every file is made at test time from real photos of the shared data: TIFFs by the JDK's own TIFF writer,
 * WebPs by libwebp's {@code cwebp}/{@code img2webp}, JPEG 2000 by jai-imageio's encoder.
 */
class ImageLoaderArchivalFormatsTest {
    private static final ImageLoader LOADER = ImageLoader.defaults();

    private static RgbImage photo;
    /** A second photo cut to the first one's size, for pages and frames that must differ. */
    private static RgbImage other;
    private static RgbImage third;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadPhotos() {
        photo = LOADER.load(SharedData.file(SharedData.PORTRAIT_JPEG));
        other = sameSize(LOADER.load(SharedData.file(SharedData.LANDSCAPE_JPEG)));
        third = sameSize(LOADER.load(SharedData.file("data/dlib-faces/2008_001322.jpg")));
    }

    private static RgbImage sameSize(RgbImage image) {
        return ImageOps.crop(image, 0, 0, photo.width(), photo.height(), 0x000000);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    // ---- TIFF ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "LZW", "ZLib", "Deflate", "PackBits"})
    void losslessTiffCompressionsGiveThePixelsBack(String compression) throws IOException {
        Path tif = write("photo-" + compression + ".tif",
                Variants.tiff(photo.toBufferedImage(), compression.equals("none") ? null : compression, false));
        assertEquals(ImageFormat.TIFF, ImageFormat.sniff(tif).orElseThrow());
        assertSamePixels(photo, LOADER.load(tif));
    }

    @Test
    void jpegCompressedTiffIsCloseToThePhoto() throws IOException {
        Path tif = write("photo-jpeg.tif", Variants.tiff(photo.toBufferedImage(), "JPEG", false));
        RgbImage loaded = LOADER.load(tif);
        double mean = meanAbsDiff(photo, loaded);
        assertTrue(mean < 2.0, "JPEG-in-TIFF mean difference " + mean);
    }

    @Test
    void tiledTiffIsLossless() throws IOException {
        // 360x480 in 64x64 tiles: the last column and row of tiles are partly outside the image.
        Path tif = write("tiled.tif", Variants.tiff(photo.toBufferedImage(), "LZW", true));
        assertSamePixels(photo, LOADER.load(tif));
    }

    @ParameterizedTest(name = "little-endian {0}")
    @ValueSource(booleans = {false, true})
    void sixteenBitTiffIsReducedByRoundingNotByDroppingAByte(boolean littleEndian) throws IOException {
        // Every 16-bit value a gradient reaches, plus the photo's v*257, in both byte orders (MM: LZW by the JDK's
        // writer; II: Deflate, by hand): the 8-bit value must be round(v * 255 / 65535). Taking the low byte, or
        // the wrong byte of an II sample, fails at once.
        int w = photo.width();
        int h = photo.height();
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = photo.rgb(x, y);
                int gradient = (int) ((long) (y * w + x) * 65535 / ((long) w * h - 1));
                raster.setPixel(x, y, new int[] {(p >> 16 & 0xff) * 257, gradient, (p & 0xff) * 257 + 100});
            }
        }
        Path tif = write("photo16.tif", littleEndian ? Variants.littleEndianTiff16(raster)
                : Variants.tiff(List.of(new BufferedImage(cm, raster, false, null)), "LZW", false, null));
        byte[] head = Files.readAllBytes(tif);
        assertEquals(littleEndian ? 'I' : 'M', head[0], "byte order of the test file");
        RgbImage loaded = LOADER.load(tif);
        assertSameSize(w, h, loaded);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] v = raster.getPixel(x, y, (int[]) null);
                int expected = 0;
                for (int c = 0; c < 3; c++) {
                    expected = expected << 8 | (int) Math.round(v[c] * 255.0 / 65535.0);
                }
                if (loaded.rgb(x, y) != expected) {
                    fail(String.format("(%d,%d) 16-bit %s: expected #%06x, got #%06x", x, y, Arrays.toString(v),
                            expected, loaded.rgb(x, y)));
                }
            }
        }
        // And it is still the photo in red: v*257 gives back v exactly.
        assertEquals(photo.rgb(10, 10) >> 16, loaded.rgb(10, 10) >> 16);
    }

    @Test
    void greyTiffsOf8And16BitsKeepTheirGreyValues() throws IOException {
        for (int bits : new int[] {8, 16}) {
            BufferedImage gray = Variants.gray(photo, bits, false, null);
            Path tif = write("gray" + bits + ".tif", Variants.tiff(gray, "PackBits", false));
            RgbImage loaded = LOADER.load(tif);
            assertSameSize(photo.width(), photo.height(), loaded);
            for (int y = 0; y < photo.height(); y++) {
                for (int x = 0; x < photo.width(); x++) {
                    int v = Pixels.luma(photo.rgb(x, y));
                    if (loaded.rgb(x, y) != (v << 16 | v << 8 | v)) {
                        fail(String.format("%d-bit grey at (%d,%d): expected %d, got #%06x", bits, x, y, v,
                                loaded.rgb(x, y)));
                    }
                }
            }
        }
    }

    @Test
    void cmykTiffIsConvertedToRgb() throws IOException {
        Path tif = write("cmyk.tif", Variants.tiff(Variants.cmyk(photo), "LZW", false));
        byte[] bytes = Files.readAllBytes(tif);
        RgbImage loaded = LOADER.load(tif);
        // Without an ICC profile the plain formula is the only meaning the samples have; it inverts the
        // separation up to its integer rounding.
        double mean = meanAbsDiff(photo, loaded);
        assertTrue(mean < 1.0, "CMYK TIFF mean difference to the RGB source " + mean + " (" + bytes.length + " bytes)");
        assertTrue(Pixels.colourfulShare(loaded) > 0.05, "CMYK decoded without colour");
    }

    @Test
    void tiffAlphaIsCompositedOverWhite() throws IOException {
        int w = photo.width();
        int[] alpha = new int[w * photo.height()];
        for (int i = 0; i < alpha.length; i++) {
            int x = i % w;
            alpha[i] = x < w / 3 ? 255 : x < 2 * w / 3 ? 0 : 128;
        }
        Path tif = write("alpha.tif", Variants.tiff(Variants.withAlpha(photo, alpha), "Deflate", false));
        RgbImage loaded = LOADER.load(tif);
        for (int y = 0; y < photo.height(); y += 7) {
            for (int x = 0; x < w; x += 5) {
                int a = alpha[y * w + x];
                int p = photo.rgb(x, y);
                int expected = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    expected |= (int) Math.round(((p >> shift & 0xff) * a + 255.0 * (255 - a)) / 255.0) << shift;
                }
                int tolerance = a == 0 || a == 255 ? 0 : 1;
                if (Pixels.channelDiff(expected, loaded.rgb(x, y)) > tolerance) {
                    fail(String.format("(%d,%d) alpha %d: expected #%06x got #%06x", x, y, a, expected,
                            loaded.rgb(x, y)));
                }
            }
        }
    }

    @Test
    void multiPageTiffLoadsItsFirstPageByDefaultAndAnyPageOnRequest() throws IOException {
        Path tif = write("three-pages.tif", Variants.tiff(List.of(photo.toBufferedImage(), other.toBufferedImage(),
                third.toBufferedImage()), "LZW", false, null));
        assertEquals(3, LOADER.pageCount(tif));
        assertSamePixels(photo, LOADER.load(tif));
        assertSamePixels(photo, LOADER.load(tif, 0));
        assertSamePixels(other, LOADER.load(tif, 1));
        assertSamePixels(third, LOADER.load(tif, 2));
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> LOADER.load(tif, 3));
        assertEquals(Problem.NO_SUCH_PAGE, e.problem());
        assertTrue(e.getMessage().contains("page 4") && e.getMessage().contains("3 pages"), e.getMessage());
        // Other formats have one page.
        Path jpeg = SharedData.file(SharedData.PORTRAIT_JPEG);
        assertEquals(1, LOADER.pageCount(jpeg));
        assertEquals(Problem.NO_SUCH_PAGE, assertThrows(ImageLoadException.class, () -> LOADER.load(jpeg, 1)).problem());
    }

    @Test
    void reducedResolutionPreviewsAreNotPagesAndEachPageHasItsOwnOrientation() throws IOException {
        // A scanner's layout: page, its half-size preview (NewSubfileType 1), a second page stored rotated
        // (Orientation 6: turn 90° clockwise to view).
        BufferedImage preview = ImageOps.resize(photo, photo.width() / 2, photo.height() / 2).toBufferedImage();
        Path tif = write("scan.tif", Variants.tiff(List.of(photo.toBufferedImage(), preview, other.toBufferedImage()),
                "LZW", false, page -> switch (page) {
                    case 1 -> List.of(Variants.tiffField(BaselineTIFFTagSet.TAG_NEW_SUBFILE_TYPE, 1));
                    case 2 -> List.of(Variants.tiffField(BaselineTIFFTagSet.TAG_ORIENTATION, 6));
                    default -> List.of();
                }));
        assertEquals(2, LOADER.pageCount(tif));
        assertSamePixels(photo, LOADER.load(tif, 0));
        RgbImage second = LOADER.load(tif, 1);
        assertSamePixels(Orientation.apply(other, 6), second);
        assertSamePixels(other, LOADER.withExifOrientation(false).load(tif, 1));
    }

    // ---- WebP ----

    private Path png(String name, RgbImage image) throws IOException {
        return write(name, Variants.encode(image.toBufferedImage(), "png"));
    }

    @Test
    void losslessWebpIsExact() throws IOException {
        Path webp = WebpTool.cwebp(png("photo.png", photo), dir.resolve("photo.webp"), "-lossless", "-exact");
        assertEquals(ImageFormat.WEBP, ImageFormat.sniff(webp).orElseThrow());
        assertSamePixels(photo, LOADER.load(webp));
    }

    @Test
    void lossyWebpIsCloseToThePhoto() throws IOException {
        Path webp = WebpTool.cwebp(png("photo.png", photo), dir.resolve("photo.webp"), "-q", "90");
        RgbImage loaded = LOADER.load(webp);
        double mean = meanAbsDiff(photo, loaded);
        assertTrue(mean < 3.0, "lossy WebP (q 90) mean difference " + mean);
    }

    @Test
    void webpAlphaIsCompositedOverWhite() throws IOException {
        int w = photo.width();
        int[] alpha = new int[w * photo.height()];
        for (int i = 0; i < alpha.length; i++) {
            int x = i % w;
            alpha[i] = x < w / 3 ? 255 : x < 2 * w / 3 ? 0 : 128;
        }
        Path png = write("alpha.png", Variants.encode(Variants.withAlpha(photo, alpha), "png"));
        for (boolean lossless : new boolean[] {true, false}) {
            Path webp = WebpTool.cwebp(png, dir.resolve("alpha-" + lossless + ".webp"),
                    lossless ? new String[] {"-lossless", "-exact"} : new String[] {"-q", "95", "-alpha_q", "100"});
            RgbImage loaded = LOADER.load(webp);
            assertEquals(0xffffff, loaded.rgb(w / 2, photo.height() / 2), "transparent middle third is white");
            int x = w / 6;
            int y = photo.height() / 2;
            assertTrue(Pixels.channelDiff(photo.rgb(x, y), loaded.rgb(x, y)) <= (lossless ? 0 : 12),
                    "opaque third is the photo");
            if (lossless) {
                int p = photo.rgb(5 * w / 6, y);
                int expected = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    expected |= (int) Math.round(((p >> shift & 0xff) * 128 + 255.0 * 127) / 255.0) << shift;
                }
                assertTrue(Pixels.channelDiff(expected, loaded.rgb(5 * w / 6, y)) <= 1, "half-transparent third");
            }
        }
    }

    @Test
    void animatedWebpDecodesItsFirstFrame() throws IOException {
        Path webp = WebpTool.animated(dir.resolve("anim.webp"), png("a.png", photo), png("b.png", other));
        byte[] bytes = Files.readAllBytes(webp);
        assertTrue(new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.ISO_8859_1).contains("VP8X"),
                "extended (animated) WebP");
        RgbImage loaded = LOADER.load(webp);
        assertSamePixels(photo, loaded);
        assertTrue(meanAbsDiff(other, loaded) > 20, "first frame must differ from the second");
        assertEquals(1, LOADER.pageCount(webp), "animation frames are not pages");
    }

    // ---- JPEG 2000 ----

    @Test
    void losslessJp2AndJ2kCodestreamAreExact() throws IOException {
        Path jp2 = write("photo.jp2", Variants.jpeg2000(photo.toBufferedImage(), true, 0, false));
        Path j2k = write("photo.j2k", Variants.jpeg2000(photo.toBufferedImage(), true, 0, true));
        assertEquals(ImageFormat.JPEG2000, ImageFormat.sniff(jp2).orElseThrow());
        assertEquals(ImageFormat.JPEG2000, ImageFormat.sniff(j2k).orElseThrow());
        assertEquals((byte) 0xff, Files.readAllBytes(j2k)[0], "bare codestream (SOC marker)");
        assertSamePixels(photo, LOADER.load(jp2));
        assertSamePixels(photo, LOADER.load(j2k));
    }

    @Test
    void lossyJp2IsCloseToThePhoto() throws IOException {
        Path jp2 = write("lossy.jp2", Variants.jpeg2000(photo.toBufferedImage(), false, 2.0, false));
        RgbImage loaded = LOADER.load(jp2);
        double mean = meanAbsDiff(photo, loaded);
        assertTrue(mean < 3.0, "lossy JP2 (2 bits/pixel) mean difference " + mean);
        assertTrue(ImageFormat.JPEG2000.isDecodable());
        assertEquals("", ImageFormat.JPEG2000.unsupportedReason());
    }

    @Test
    void greyJp2KeepsItsGreyValues() throws IOException {
        BufferedImage gray = Variants.gray(photo, 8, false, null);
        Path jp2 = write("gray.jp2", Variants.jpeg2000(gray, true, 0, false));
        RgbImage loaded = LOADER.load(jp2);
        assertSameSize(photo.width(), photo.height(), loaded);
        int v = Pixels.luma(photo.rgb(100, 100));
        assertEquals(v << 16 | v << 8 | v, loaded.rgb(100, 100));
        assertTrue(Pixels.isGray(loaded));
    }

    // ---- recognised, not decoded; mislabelled ----

    @Test
    void heicAndAvifAreUnsupportedFormatsThatSayWhatToDo() throws IOException {
        Path heic = write("IMG_0001.heic", isoMedia("heic", "mif1", "heic"));
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> LOADER.load(heic));
        assertEquals(Problem.UNSUPPORTED_FORMAT, e.problem());
        assertTrue(e.getMessage().contains("HEIF") && e.getMessage().contains("heif-convert"), e.getMessage());
        // An AVIF often carries mif1 as its major brand: the avif compatible brand decides.
        Path avif = write("photo.avif", isoMedia("mif1", "avif", "miaf"));
        assertEquals(ImageFormat.AVIF, ImageFormat.sniff(avif).orElseThrow());
        assertEquals(Problem.UNSUPPORTED_FORMAT, assertThrows(ImageLoadException.class, () -> LOADER.load(avif)).problem());
        // An MP4 video is an ISO media file too, but no image.
        Path mp4 = write("clip.mp4", isoMedia("isom", "iso2", "mp41"));
        assertEquals(Problem.NOT_AN_IMAGE, assertThrows(ImageLoadException.class, () -> LOADER.load(mp4)).problem());
    }

    @Test
    void aJpegNamedPngAndAPngNamedTifAreDecodedByWhatTheyAre() throws IOException {
        Path jpegNamedPng = Files.copy(SharedData.file(SharedData.PORTRAIT_JPEG), dir.resolve("mislabelled.png"));
        assertSamePixels(photo, LOADER.load(jpegNamedPng));
        Path pngNamedTif = png("mislabelled.tif", photo);
        assertSamePixels(photo, LOADER.load(pngNamedTif));
        assertEquals(ImageFormat.PNG, ImageFormat.sniff(pngNamedTif).orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tif", "webp", "jp2"})
    void truncatedArchivalFormatsAreImageLoadExceptions(String format) throws IOException {
        byte[] full = switch (format) {
            case "tif" -> Variants.tiff(photo.toBufferedImage(), "LZW", false);
            case "webp" -> Files.readAllBytes(WebpTool.cwebp(png("p.png", photo), dir.resolve("p.webp"), "-lossless"));
            default -> Variants.jpeg2000(photo.toBufferedImage(), true, 0, false);
        };
        for (int percent : new int[] {5, 50, 95}) {
            Path cut = write("cut" + percent + "." + format, Arrays.copyOf(full, full.length * percent / 100));
            try {
                RgbImage image = LOADER.load(cut);
                // JPEG 2000 is progressive by design: a cut file may still decode, at lower quality.
                assertEquals("jp2", format, "a cut " + format + " decoded: " + image);
            } catch (ImageLoadException e) {
                assertTrue(e.problem() == Problem.TRUNCATED || e.problem() == Problem.CORRUPT,
                        percent + "% " + format + ": " + e.problem() + " " + e.getMessage());
                assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
            }
        }
    }

    /** The start of an ISO base media file: an ftyp box with a major brand and compatible brands. */
    static byte[] isoMedia(String major, String... compatible) {
        int size = 16 + 4 * compatible.length;
        byte[] out = new byte[size + 32];
        out[3] = (byte) size;
        System.arraycopy("ftyp".getBytes(StandardCharsets.US_ASCII), 0, out, 4, 4);
        System.arraycopy(major.getBytes(StandardCharsets.US_ASCII), 0, out, 8, 4);
        for (int i = 0; i < compatible.length; i++) {
            System.arraycopy(compatible[i].getBytes(StandardCharsets.US_ASCII), 0, out, 16 + 4 * i, 4);
        }
        return out;
    }
}
