package org.facecensus.image;

import static org.facecensus.image.ImageLoadException.Problem.CORRUPT;
import static org.facecensus.image.ImageLoadException.Problem.EMPTY_FILE;
import static org.facecensus.image.ImageLoadException.Problem.NOT_AN_IMAGE;
import static org.facecensus.image.ImageLoadException.Problem.NOT_FOUND;
import static org.facecensus.image.ImageLoadException.Problem.TOO_LARGE;
import static org.facecensus.image.ImageLoadException.Problem.TRUNCATED;
import static org.facecensus.image.ImageLoadException.Problem.UNREADABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.facecensus.FaceCensusException;
import org.facecensus.image.ImageLoadException.Problem;
import org.facecensus.testsupport.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bad input ends in an ImageLoadException with its own Problem and a message naming the file. */
class ImageLoaderBadInputTest {
    private static final ImageLoader LOADER = ImageLoader.defaults();
    private static byte[] jpeg;
    private static RgbImage photo;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        Path file = SharedData.file(SharedData.PORTRAIT_JPEG);
        jpeg = SharedData.readAll(file);
        photo = LOADER.load(file);
    }

    private static ImageLoadException expectProblem(Path file, Problem expected) {
        return expectProblem(LOADER, file, expected);
    }

    private static ImageLoadException expectProblem(ImageLoader loader, Path file, Problem expected) {
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> loader.load(file));
        assertEquals(expected, e.problem(), () -> "problem for " + file + ": " + e.getMessage());
        assertEquals(file.toString(), e.source());
        assertTrue(e.getMessage().contains(file.toString()), () -> "message must name the file: " + e.getMessage());
        assertTrue(e instanceof FaceCensusException);
        return e;
    }

    @Test
    void missingFile() {
        ImageLoadException e = expectProblem(dir.resolve("no-such-photo.jpg"), NOT_FOUND);
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void directory() {
        ImageLoadException e = expectProblem(dir, NOT_FOUND);
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        ImageLoadException e = expectProblem(empty, EMPTY_FILE);
        assertTrue(e.getMessage().contains("0 bytes"), e.getMessage());
        assertEquals(EMPTY_FILE, assertThrows(ImageLoadException.class,
                () -> LOADER.decode(new byte[0], "mem")).problem());
    }

    @ParameterizedTest(name = "cut at {0} %")
    @ValueSource(ints = {1, 20, 50, 90, 99})
    void truncatedJpeg(int percent) throws IOException {
        // The JDK decoder only warns ("Premature end of JPEG file" / "premature end of data segment")
        // and fills the rest with grey; the loader must report that, not return a half-grey photo.
        Path cut = Files.write(dir.resolve("cut" + percent + ".jpg"),
                Arrays.copyOf(jpeg, jpeg.length * percent / 100));
        ImageLoadException e = expectProblem(cut, TRUNCATED);
        assertTrue(e.getMessage().toLowerCase().contains("truncated") || e.getMessage().contains("end"),
                e.getMessage());
    }

    @Test
    void jpegWithoutEndMarkerOnlyStillLoads() throws IOException {
        // Cameras and tools sometimes drop the final EOI marker; all pixel data is present.
        Path noEoi = Files.write(dir.resolve("no-eoi.jpg"), Arrays.copyOf(jpeg, jpeg.length - 2));
        RgbImage loaded = LOADER.load(noEoi);
        assertEquals(photo.width(), loaded.width());
        assertTrue(org.facecensus.testsupport.Pixels.meanAbsDiff(photo, loaded) < 1.0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"png", "bmp", "gif"})
    void truncatedLosslessFormats(String format) throws IOException {
        byte[] full = Variants.encode(format.equals("gif") ? Variants.indexed(photo) : photo.toBufferedImage(),
                format);
        Path cut = Files.write(dir.resolve("cut." + format), Arrays.copyOf(full, full.length / 2));
        expectProblem(cut, TRUNCATED);
    }

    @Test
    void textFileIsNotAnImage() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jpg"), "Group photo, 2008. Left to right: ...\n");
        ImageLoadException e = expectProblem(text, NOT_AN_IMAGE);
        assertTrue(e.getMessage().contains("supported: JPEG, PNG, GIF, BMP, TIFF, WebP, JPEG 2000"), e.getMessage());
        assertTrue(e.getMessage().contains("\"Grou\""), "shows the first bytes: " + e.getMessage());
    }

    @Test
    void pdfIsNotAnImage() throws IOException {
        Path pdf = Files.write(dir.resolve("scan.pdf"),
                "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
        ImageLoadException e = expectProblem(pdf, NOT_AN_IMAGE);
        assertTrue(e.getMessage().contains("%PDF"), e.getMessage());
        assertTrue(e.getMessage().contains("supported"), e.getMessage());
    }

    @Test
    void hugePngHeaderIsRefusedBeforeDecoding() throws IOException {
        Path png = Files.write(dir.resolve("bomb.png"), pngWithHeader(30000, 30000));
        ImageLoadException e = expectProblem(png, TOO_LARGE);
        // Refused from the header (not by running out of memory while allocating 2.7 GB).
        assertTrue(e.getMessage().contains("30000x30000"), e.getMessage());
        assertTrue(e.getMessage().contains("900000000"), e.getMessage());
        assertNull(e.getCause());
    }

    @Test
    void customPixelLimitOnARealPhoto() throws IOException {
        Path file = SharedData.file(SharedData.PORTRAIT_JPEG);
        long pixels = photo.pixelCount();
        ImageLoadException e = expectProblem(LOADER.withMaxPixels(pixels - 1), file, TOO_LARGE);
        assertTrue(e.getMessage().contains("360x480"), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(pixels - 1)), e.getMessage());
        assertEquals(pixels, LOADER.withMaxPixels(pixels).load(file).pixelCount());
        assertEquals(pixels - 1, LOADER.withMaxPixels(pixels - 1).maxPixels());
        assertThrows(IllegalArgumentException.class, () -> LOADER.withMaxPixels(0));
    }

    @Test
    void randomBytesAfterSoiAreAnImageLoadException() throws IOException {
        Set<Problem> allowed = Set.of(CORRUPT, TRUNCATED);
        for (int seed = 0; seed < 20; seed++) {
            byte[] bytes = new byte[4096];
            new Random(seed).nextBytes(bytes);
            bytes[0] = (byte) 0xff;
            bytes[1] = (byte) 0xd8;
            if (seed % 2 == 0) {
                bytes[2] = (byte) 0xff; // also a plausible marker start
            }
            Path file = Files.write(dir.resolve("random" + seed + ".jpg"), bytes);
            try {
                LOADER.load(file);
                fail("random bytes decoded as an image: seed " + seed);
            } catch (ImageLoadException e) {
                assertTrue(allowed.contains(e.problem()), "seed " + seed + ": " + e.problem() + " " + e.getMessage());
                assertTrue(e.getMessage().contains(file.toString()));
            }
        }
    }

    @Test
    void scrambledEntropyDataNeverEscapesAsAnotherException() throws IOException {
        int sos = -1;
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xda) {
                sos = i;
                break;
            }
        }
        assertTrue(sos > 0, "real JPEG has a start-of-scan marker");
        int dataStart = sos + 2 + ((jpeg[sos + 2] & 0xff) << 8 | (jpeg[sos + 3] & 0xff));
        for (int seed = 0; seed < 6; seed++) {
            byte[] scrambled = jpeg.clone();
            Random random = new Random(seed);
            for (int i = dataStart; i < scrambled.length - 2; i++) {
                scrambled[i] = (byte) random.nextInt(256);
            }
            try {
                RgbImage image = LOADER.decode(scrambled, "scrambled" + seed + ".jpg");
                // Garbage entropy data may still decode to a (meaningless) picture of the right size.
                assertEquals(photo.width(), image.width());
                assertEquals(photo.height(), image.height());
            } catch (ImageLoadException e) {
                assertTrue(Set.of(CORRUPT, TRUNCATED).contains(e.problem()), e.problem() + ": " + e.getMessage());
                assertEquals("scrambled" + seed + ".jpg", e.source());
            }
        }
    }

    @Test
    void unreadableFile() throws IOException {
        Path file = Files.write(dir.resolve("secret.jpg"), jpeg);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(file), "running as root: permissions do not stop reading");
        ImageLoadException e = expectProblem(file, UNREADABLE);
        assertTrue(e.getMessage().contains("permission"), e.getMessage());
    }

    /** A PNG with a valid IHDR (correct CRC) for an 8-bit RGB image of the given size, and a tiny IDAT. */
    static byte[] pngWithHeader(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[1 + 3 * 16]); // one filtered row's worth of zeros
        deflater.finish();
        byte[] idat = new byte[256];
        int n = deflater.deflate(idat);
        deflater.end();
        chunk(out, "IDAT", Arrays.copyOf(idat, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
