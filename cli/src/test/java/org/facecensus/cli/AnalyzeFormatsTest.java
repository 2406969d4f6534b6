package org.facecensus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code facecensus analyze} on a folder as archives and crawls hand it over, made at test time from real photos of
 * the shared data: the same group photo as JPEG, 16-bit LZW TIFF, lossless WebP, animated WebP, JPEG 2000 and a JPEG
 * named .png; a 3-page TIFF; a grey TIFF; a lossy WebP; a .heic; a text file named .jpg; a .txt. Every file is an
 * item or counted by reason in the summary, run.json and the report, and every lossless copy of the group photo
 * shows the JPEG's 3 faces.
 */
class AnalyzeFormatsTest {
    private static final String GROUP = "dlib-faces/2008_001322.jpg";    // 3 labelled faces
    private static final String STREET = "dlib-faces/2007_007763.jpg";
    private static final String PORTRAIT = "dlib-faces/2008_001009.jpg";

    @Test
    void everyFormatIsAnalysedAndEveryOtherFileIsCounted(@TempDir Path dir) throws Exception {
        Path photos = collection(dir);
        Path out = dir.resolve("census");

        DetectCommandTest.Result r = DetectCommandTest.run("analyze", photos.toString(), "--out", out.toString(),
                "--threads", "2");

        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("11 images: 11 analysed now, 0 from an earlier run, 1 could not be read"), r.out());
        assertTrue(r.out().contains("skipped 2 files (not analysed): 1 .heic (unsupported format: HEIF), "
                + "1 .txt (not an image)"), r.out());
        assertTrue(r.out().contains("2 later pages of multi-page TIFFs not analysed"), r.out());

        Map<String, Map<String, String>> items = readCsv(out.resolve("items.csv"));
        assertEquals(List.of("box", "gray", "group", "group-16bit", "group-animated", "group-jp2", "group-lossless",
                "group-lossy", "mislabelled", "notes", "street"), List.copyOf(items.keySet()));
        for (String id : List.of("box", "group", "group-16bit", "group-animated", "group-jp2", "group-lossless",
                "mislabelled")) {
            assertEquals("", items.get(id).get("error"), id);
            assertEquals("3", items.get(id).get("faces"), id + " is the group photo: the JPEG's 3 faces");
        }
        assertEquals("", items.get("gray").get("error"));
        assertEquals("", items.get("group-lossy").get("error"));
        assertEquals("NOT_AN_IMAGE", items.get("notes").get("problem"));
        assertEquals("group-16bit.tif", items.get("group-16bit").get("file"));

        JsonNode run = Json.MAPPER.readTree(out.resolve("run.json").toFile());
        assertEquals(11, run.get("imagesInCollection").asInt());
        assertEquals(1, run.get("skippedFiles").get(".heic (unsupported format: HEIF)").asInt());
        assertEquals(1, run.get("skippedFiles").get(".txt (not an image)").asInt());
        assertEquals(2, run.get("skippedFiles").size());
        assertEquals(2, run.get("pagesNotAnalysed").asInt());
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("<th>files skipped</th><td>2: 1 .heic (unsupported format: HEIF), 1 .txt (not an image)"),
                "report's run section");

        // Nothing disappears: each file of the folder is an item or a count.
        long files;
        try (Stream<Path> walk = Files.walk(photos)) {
            files = walk.filter(Files::isRegularFile).count();
        }
        int skipped = 0;
        for (Iterator<JsonNode> it = run.get("skippedFiles").elements(); it.hasNext(); ) {
            skipped += it.next().asInt();
        }
        assertEquals(files, items.size() + skipped);

        // Every page its own item: page 2 is the street photo, found as in its own JPEG.
        Path allPages = dir.resolve("all-pages");
        DetectCommandTest.Result p = DetectCommandTest.run("analyze", photos.toString(), "--out", allPages.toString(),
                "--threads", "2", "--all-pages");
        assertEquals(0, p.exit(), p.err());
        assertTrue(p.out().contains("13 images: 13 analysed now"), p.out());
        assertTrue(!p.out().contains("later pages"), p.out());
        Map<String, Map<String, String>> paged = readCsv(allPages.resolve("items.csv"));
        assertEquals("box.tif", paged.get("box#p2").get("file"));
        assertEquals("box.tif", paged.get("box#p3").get("file"));
        assertEquals(paged.get("group").get("faces"), paged.get("box").get("faces"));
        assertEquals(paged.get("street").get("faces"), paged.get("box#p2").get("faces"));
        assertEquals(paged.get("gray").get("faces"), paged.get("box#p3").get("faces"));
        JsonNode pagedRun = Json.MAPPER.readTree(allPages.resolve("run.json").toFile());
        assertEquals(0, pagedRun.get("pagesNotAnalysed").asInt());
        assertEquals("true", pagedRun.get("settings").get("--all-pages").asText());
    }

    /** The collection, every file made from the shared photos in this test's folder. */
    private static Path collection(Path dir) throws IOException {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        Path shared = DetectCommandTest.shared();
        BufferedImage group = rgb(ImageIO.read(shared.resolve(GROUP).toFile()));
        BufferedImage street = rgb(ImageIO.read(shared.resolve(STREET).toFile()));
        BufferedImage portrait = rgb(ImageIO.read(shared.resolve(PORTRAIT).toFile()));
        BufferedImage gray = new BufferedImage(portrait.getWidth(), portrait.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        draw(gray, portrait);

        Files.copy(shared.resolve(GROUP), photos.resolve("group.jpg"));
        Files.copy(shared.resolve(STREET), photos.resolve("street.jpg"));
        Files.copy(shared.resolve(GROUP), photos.resolve("mislabelled.png"));           // a JPEG under a PNG name
        Files.write(photos.resolve("group-16bit.tif"), tiff(List.of(sixteenBit(group)), "LZW"));
        Files.write(photos.resolve("box.tif"), tiff(List.of(group, street, gray), "LZW")); // 3 pages
        Files.write(photos.resolve("gray.tif"), tiff(List.of(gray), "PackBits"));
        Path png = photos.resolve("group.png.tmp");
        ImageIO.write(group, "png", png.toFile());
        Path streetPng = dir.resolve("street.png");
        ImageIO.write(street, "png", streetPng.toFile());
        webp(List.of("cwebp", "-quiet", "-lossless", "-exact", png.toString(), "-o",
                photos.resolve("group-lossless.webp").toString()));
        webp(List.of("cwebp", "-quiet", "-q", "85", png.toString(), "-o", photos.resolve("group-lossy.webp").toString()));
        // Both frames the group photo's size: the second is the street photo's top-left corner.
        BufferedImage corner = new BufferedImage(group.getWidth(), group.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        draw(corner, street);
        Path cornerPng = dir.resolve("corner.png");
        ImageIO.write(corner, "png", cornerPng.toFile());
        webp(List.of("img2webp", "-lossless", "-d", "100", png.toString(), cornerPng.toString(), "-o",
                photos.resolve("group-animated.webp").toString()));
        Files.delete(png);
        Files.write(photos.resolve("group-jp2.jp2"), jpeg2000(group));
        byte[] heic = new byte[64];
        heic[3] = 24;
        System.arraycopy("ftypheic\0\0\0\0mif1heic".getBytes(StandardCharsets.ISO_8859_1), 0, heic, 4, 20);
        Files.write(photos.resolve("IMG_0001.heic"), heic);
        Files.writeString(photos.resolve("notes.jpg"), "Group photo, 2008. Left to right: ...\n");
        Files.writeString(photos.resolve("readme.txt"), "Photos from the dlib examples.\n");
        return photos;
    }

    private static BufferedImage rgb(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        draw(out, image);
        return out;
    }

    private static void draw(BufferedImage target, BufferedImage source) {
        Graphics2D g = target.createGraphics();
        try {
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
    }

    /** 16 bits per sample: each 8-bit value v as v*257. */
    private static BufferedImage sixteenBit(BufferedImage rgb) {
        java.awt.image.ComponentColorModel cm = new java.awt.image.ComponentColorModel(
                java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB), false, false,
                java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_USHORT);
        java.awt.image.WritableRaster raster = cm.createCompatibleWritableRaster(rgb.getWidth(), rgb.getHeight());
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                int p = rgb.getRGB(x, y);
                raster.setPixel(x, y, new int[] {(p >> 16 & 0xff) * 257, (p >> 8 & 0xff) * 257, (p & 0xff) * 257});
            }
        }
        return new BufferedImage(cm, raster, false, null);
    }

    /** A TIFF by the JDK's own writer, one page per image. */
    private static byte[] tiff(List<BufferedImage> pages, String compression) throws IOException {
        ImageWriter writer = null;
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("tiff"); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.imageio.")) {
                writer = w;
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(compression);
            writer.prepareWriteSequence(null);
            for (BufferedImage page : pages) {
                writer.writeToSequence(new IIOImage(page, null, null), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A lossless JP2 by jai-imageio's JJ2000 encoder. */
    private static byte[] jpeg2000(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg2000").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            J2KImageWriteParam param = (J2KImageWriteParam) writer.getDefaultWriteParam();
            param.setLossless(true);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * Runs libwebp's cwebp or img2webp (Debian's webp package; no Java library writes WebP). Skipped with a message
     * without them, failed on CI, where .ci/run installs them.
     */
    private static void webp(List<String> command) throws IOException {
        Path tool = Path.of("/usr/bin", command.get(0));
        boolean present = Files.isExecutable(tool);
        if (System.getenv("CI") == null) {
            assumeTrue(present, "no " + tool + ": apt-get install -y webp to run the WebP part of this test");
        }
        assertTrue(present, "CI must have " + tool + " (Debian's webp package; see .ci/run)");
        List<String> full = new ArrayList<>(command);
        full.set(0, tool.toString());
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + full);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        assertEquals(0, p.exitValue(), String.join(" ", full) + ":\n" + output);
    }

    private static Map<String, Map<String, String>> readCsv(Path file) throws IOException {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            while (it.hasNext()) {
                Map<String, String> row = it.next();
                rows.put(row.get("item_id"), row);
            }
        }
        return rows;
    }
}
