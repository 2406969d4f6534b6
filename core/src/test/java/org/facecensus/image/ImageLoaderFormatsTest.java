package org.facecensus.image;

import static org.facecensus.testsupport.Pixels.assertMaxDiff;
import static org.facecensus.testsupport.Pixels.assertSamePixels;
import static org.facecensus.testsupport.Pixels.assertSameSize;
import static org.facecensus.testsupport.Pixels.meanAbsDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.facecensus.testsupport.Pixels;
import org.facecensus.testsupport.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every supported encoding decodes to the pixels it holds. Variants are made from one real photo. */
class ImageLoaderFormatsTest {
    private static final ImageLoader LOADER = ImageLoader.defaults();

    private static Path photoFile;
    /** The real photo as the loader decodes it; the reference every lossless variant must reproduce. */
    private static RgbImage photo;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadPhoto() {
        photoFile = SharedData.file(SharedData.PORTRAIT_JPEG);
        photo = LOADER.load(photoFile);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** Decodes with the JDK's own JPEG reader, independent of the TwelveMonkeys plugin the loader uses. */
    private static ImageReader jdkJpegReader() {
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext(); ) {
            ImageReader reader = it.next();
            if (reader.getClass().getName().startsWith("com.sun.imageio.")) {
                return reader;
            }
        }
        throw new IllegalStateException("the JDK JPEG reader is not registered");
    }

    private static BufferedImage jdkDecode(byte[] jpeg) throws IOException {
        ImageReader reader = jdkJpegReader();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in);
            return reader.read(0);
        } finally {
            reader.dispose();
        }
    }

    /** The stored samples, without any colour conversion (for greyscale JPEGs: the grey values). */
    private static Raster jdkRaster(byte[] jpeg) throws IOException {
        ImageReader reader = jdkJpegReader();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in);
            return reader.readRaster(0, null);
        } finally {
            reader.dispose();
        }
    }

    @Test
    void colourJpegsDecodeToTheirHeaderSizeInRgbOrder() throws IOException {
        for (Path file : SharedData.jpegs("data/dlib-faces", 4)) {
            byte[] bytes = Files.readAllBytes(file);
            assertEquals(3, SharedData.jpegComponents(bytes), file + " should be a 3-component JPEG");
            RgbImage image = LOADER.load(file);
            // The JDK reader's own RGB conversion is the reference: same size, and the same samples in
            // R, G, B order (a BGR mix-up would show as a large difference).
            BufferedImage reference = jdkDecode(bytes);
            assertSameSize(reference.getWidth(), reference.getHeight(), image);
            RgbImage expected = RgbImage.fromBufferedImage(reference);
            double mean = meanAbsDiff(expected, image);
            assertTrue(mean < 0.5, file + ": mean difference to the JDK decoder " + mean);
            assertEquals(reference.getRGB(7, 5) & 0xffffff, image.rgb(7, 5), file + " pixel (7,5)");
            assertTrue(Pixels.colourfulShare(image) > 0.05, file + " decoded without colour");
        }
    }

    @Test
    void grayscaleJpegsKeepTheirStoredGreyValues() throws IOException {
        List<Path> files = SharedData.grayscaleJpegs(3);
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            RgbImage image = LOADER.load(file);
            Raster raw = jdkRaster(bytes);
            assertEquals(1, raw.getNumBands(), file.toString());
            assertSameSize(raw.getWidth(), raw.getHeight(), image);
            // Grey JPEG samples are display values: no linear-to-sRGB brightening may happen.
            for (int y = 0; y < raw.getHeight(); y++) {
                for (int x = 0; x < raw.getWidth(); x++) {
                    int v = raw.getSample(x, y, 0);
                    if (image.rgb(x, y) != (v << 16 | v << 8 | v)) {
                        assertEquals(v << 16 | v << 8 | v, image.rgb(x, y), file + " at (" + x + "," + y + ")");
                    }
                }
            }
        }
    }

    @Test
    void png8BitRgbIsLossless() throws IOException {
        Path png = write("photo.png", Variants.encode(photo.toBufferedImage(), "png"));
        assertSamePixels(photo, LOADER.load(png));
    }

    @Test
    void png16BitRgbIsScaledTo8Bits() throws IOException {
        Path png = write("photo16.png", Variants.encode(Variants.rgb16(photo), "png"));
        assertEquals(16, ImageIO.read(png.toFile()).getColorModel().getComponentSize(0), "test file is 16-bit");
        RgbImage loaded = LOADER.load(png);
        // v*257 is exactly v in 8 bits; allow rounding by 1 in Java2D's conversion.
        assertMaxDiff(photo, loaded, 1);
        assertTrue(meanAbsDiff(photo, loaded) < 0.05, "mean difference " + meanAbsDiff(photo, loaded));
    }

    @Test
    void pngGray8And16BitKeepGreyValuesExactly() throws IOException {
        RgbImage expected = grayOf(photo);
        for (int bits : new int[] {8, 16}) {
            Path png = write("gray" + bits + ".png", Variants.encode(Variants.gray(photo, bits, false, null), "png"));
            assertSamePixels(expected, LOADER.load(png));
        }
    }

    @Test
    void pngGrayWithAlphaKeepsGreyValuesAndCompositesOverWhite() throws IOException {
        int[] alpha = halfTransparentMask(photo.width(), photo.height());
        RgbImage gray = grayOf(photo);
        for (int bits : new int[] {8, 16}) {
            Path png = write("graya" + bits + ".png", Variants.encode(Variants.gray(photo, bits, true, alpha), "png"));
            RgbImage loaded = LOADER.load(png);
            assertSameSize(photo.width(), photo.height(), loaded);
            for (int y = 0; y < photo.height(); y++) {
                for (int x = 0; x < photo.width(); x++) {
                    int a = alpha[y * photo.width() + x];
                    int v = gray.rgb(x, y) & 0xff;
                    int c = (int) Math.round((v * a + 255.0 * (255 - a)) / 255.0);
                    int expected = c << 16 | c << 8 | c;
                    int tolerance = a == 0 || a == 255 ? 0 : 1;
                    if (!(Pixels.channelDiff(expected, loaded.rgb(x, y)) <= tolerance)) fail(String.format(
                            "%d-bit grey+alpha at (%d,%d), alpha %d: expected #%06x, got #%06x", bits, x, y, a,
                            expected, loaded.rgb(x, y)));
                }
            }
        }
    }

    @Test
    void palettePngDecodesToThePaletteColours() throws IOException {
        BufferedImage indexed = Variants.indexed(photo);
        Path png = write("palette.png", Variants.encode(indexed, "png"));
        BufferedImage reread = ImageIO.read(png.toFile());
        assertTrue(reread.getColorModel() instanceof IndexColorModel, "test file is a palette PNG");
        RgbImage loaded = LOADER.load(png);
        assertSamePixels(indexed, loaded);
        // Quantised to 256 colours, but still the same photo.
        assertTrue(meanAbsDiff(photo, loaded) < 12, "palette image far from photo: " + meanAbsDiff(photo, loaded));
    }

    @Test
    void palettePngWithTransparentIndexShowsWhiteThere() throws IOException {
        BufferedImage indexed = Variants.indexed(photo);
        IndexColorModel palette = (IndexColorModel) indexed.getColorModel();
        int transparent = indexed.getRaster().getSample(0, 0, 0); // the photo's top-left colour
        byte[] r = new byte[palette.getMapSize()];
        byte[] g = new byte[r.length];
        byte[] b = new byte[r.length];
        palette.getReds(r);
        palette.getGreens(g);
        palette.getBlues(b);
        IndexColorModel withTrns = new IndexColorModel(8, r.length, r, g, b, transparent);
        BufferedImage image = new BufferedImage(withTrns, indexed.getRaster(), false, null);
        Path png = write("trns.png", Variants.encode(image, "png"));
        RgbImage loaded = LOADER.load(png);
        int transparentPixels = 0;
        for (int y = 0; y < photo.height(); y++) {
            for (int x = 0; x < photo.width(); x++) {
                boolean clear = indexed.getRaster().getSample(x, y, 0) == transparent;
                int expected = clear ? 0xffffff : indexed.getRGB(x, y) & 0xffffff;
                transparentPixels += clear ? 1 : 0;
                if (loaded.rgb(x, y) != expected) {
                    fail(String.format("(%d,%d): expected #%06x got #%06x", x, y, expected, loaded.rgb(x, y)));
                }
            }
        }
        assertTrue(transparentPixels > 0 && transparentPixels < photo.pixelCount() / 2,
                "test image has some transparent pixels: " + transparentPixels);
    }

    @Test
    void pngAlphaIsCompositedOverWhite() throws IOException {
        int w = photo.width();
        int h = photo.height();
        int[] alpha = halfTransparentMask(w, h);
        BufferedImage argb = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                argb.setRGB(x, y, alpha[y * w + x] << 24 | photo.rgb(x, y));
            }
        }
        Path png = write("alpha.png", Variants.encode(argb, "png"));
        assertTrue(ImageIO.read(png.toFile()).getColorModel().hasAlpha(), "test file has alpha");
        RgbImage loaded = LOADER.load(png);
        assertSameSize(w, h, loaded);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = alpha[y * w + x];
                int p = photo.rgb(x, y);
                int expected = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    int c = (int) Math.round(((p >> shift & 0xff) * a + 255.0 * (255 - a)) / 255.0);
                    expected |= c << shift;
                }
                int tolerance = a == 0 || a == 255 ? 0 : 2;
                if (!(Pixels.channelDiff(expected, loaded.rgb(x, y)) <= tolerance)) fail(String.format(
                        "(%d,%d) alpha %d: expected #%06x got #%06x", x, y, a, expected, loaded.rgb(x, y)));
            }
        }
        // The fully transparent band is pure white even though its stored colour is the photo's.
        assertEquals(0xffffff, loaded.rgb(w / 2, h / 2));
    }

    @Test
    void bmpIsLossless() throws IOException {
        Path bmp = write("photo.bmp", Variants.encode(photo.toBufferedImage(), "bmp"));
        assertEquals('B', Files.readAllBytes(bmp)[0]);
        assertSamePixels(photo, LOADER.load(bmp));
    }

    @Test
    void gifDecodesItsFirstFrame() throws IOException {
        BufferedImage first = Variants.indexed(photo);
        RgbImage other = ImageOps.crop(LOADER.load(SharedData.file(SharedData.LANDSCAPE_JPEG)), 0, 0, photo.width(),
                photo.height(), 0x000000);
        BufferedImage second = Variants.indexed(other);
        Path gif = write("two-frames.gif", Variants.animatedGif(first, second));
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals(2, reader.getNumImages(true), "test file has two frames");
            reader.dispose();
        }
        RgbImage loaded = LOADER.load(gif);
        assertSamePixels(first, loaded);
        assertTrue(meanAbsDiff(RgbImage.fromBufferedImage(second), loaded) > 20,
                "first frame must differ from the second");
    }

    @Test
    void adobeCmykJpegDecodesToPlausibleRgb() throws IOException {
        Path jpeg = write("cmyk.jpg", Variants.adobeCmykJpeg(photo));
        assertEquals(4, SharedData.jpegComponents(Files.readAllBytes(jpeg)), "test file is a 4-component JPEG");
        RgbImage loaded = LOADER.load(jpeg);
        assertSameSize(photo.width(), photo.height(), loaded);
        // The file holds the naive separation of the photo, re-compressed; TwelveMonkeys converts
        // Adobe CMYK without an embedded profile by the inverse naive formula, so the colours come
        // back close (JPEG loss on 4 channels plus integer rounding of the separation).
        double mean = meanAbsDiff(photo, loaded);
        assertTrue(mean < 3.0, "mean difference to the RGB source " + mean);
        assertTrue(Pixels.colourfulShare(loaded) > 0.05, "CMYK image decoded without colour");
    }

    @Test
    void decodeFromMemoryEqualsLoadFromFile() throws IOException {
        byte[] bytes = Files.readAllBytes(photoFile);
        assertSamePixels(photo, LOADER.decode(bytes, "in-memory.jpg"));
    }

    private static RgbImage grayOf(RgbImage image) {
        byte[] out = new byte[image.width() * image.height() * 3];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int v = Pixels.luma(image.rgb(x, y));
                int i = (y * image.width() + x) * 3;
                out[i] = (byte) v;
                out[i + 1] = (byte) v;
                out[i + 2] = (byte) v;
            }
        }
        return RgbImage.of(image.width(), image.height(), out);
    }

    /** Opaque left third, fully transparent middle third, alpha 128 right third. */
    private static int[] halfTransparentMask(int w, int h) {
        int[] alpha = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                alpha[y * w + x] = x < w / 3 ? 255 : x < 2 * w / 3 ? 0 : 128;
            }
        }
        return alpha;
    }
}
