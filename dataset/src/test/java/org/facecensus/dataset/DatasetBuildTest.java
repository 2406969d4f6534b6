package org.facecensus.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;

import org.facecensus.FaceCensus;
import org.facecensus.FaceCensusException;
import org.facecensus.dataset.manifest.Manifest;
import org.facecensus.dataset.manifest.ManifestRow;
import org.facecensus.dataset.source.FolderSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dataset build} on a mixed folder made at test time from real UTKFace photos: kept faces, an exact copy, a
 * re-encoded smaller copy, a mirrored copy, men (kept out by the female filter), blurred faces, a tiny face, an image with no face,
 * and three bad files. Every count by reason must be exactly right, and a second run resumes without redoing work.
 */
class DatasetBuildTest {
    /** Women both gender models call female with probability >= 0.8 (checked once; the labels agree). */
    private static final String[] WOMEN = {
        "train/25_1_3_20170119172134400.jpg.chip.jpg", "train/22_1_3_20170104231657849.jpg.chip.jpg",
        "train/34_1_3_20170105000852573.jpg.chip.jpg", "train/28_1_3_20170119195104970.jpg.chip.jpg",
        "train/26_1_3_20170117091754898.jpg.chip.jpg", "train/22_1_3_20170104222857952.jpg.chip.jpg",
        "train/24_1_3_20170119171022544.jpg.chip.jpg"};
    private static final String[] MEN = {
        "train/26_0_3_20170105175308269.jpg.chip.jpg", "train/40_0_3_20170119175332114.jpg.chip.jpg"};

    @TempDir
    Path tmp;

    @Test
    void mixedFolderCountsByReason() throws IOException {
        Path utk = TestData.data("utkface");
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (int i = 0; i < 4; i++) {
            Files.copy(utk.resolve(WOMEN[i]), in.resolve("woman" + i + ".jpg"));
        }
        Files.copy(utk.resolve(WOMEN[0]), in.resolve("woman0_copy.jpg"));
        BufferedImage second = ImageIO.read(utk.resolve(WOMEN[1]).toFile());
        writeJpeg(scaled(second, 0.8), in.resolve("woman1-small.jpg"), 0.6f);
        BufferedImage first = ImageIO.read(utk.resolve(WOMEN[0]).toFile());
        ImageIO.write(new AffineTransformOp(new AffineTransform(-1, 0, 0, 1, first.getWidth(), 0),
                AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(first, null), "png", in.resolve("woman0-mirrored.png").toFile());
        for (int i = 0; i < MEN.length; i++) {
            Files.copy(utk.resolve(MEN[i]), in.resolve("man" + i + ".jpg"));
        }
        for (int i = 4; i < 6; i++) {
            ImageIO.write(blurred(ImageIO.read(utk.resolve(WOMEN[i]).toFile())), "png", in.resolve("blurred" + i + ".png").toFile());
        }
        ImageIO.write(tinyFace(ImageIO.read(utk.resolve(WOMEN[6]).toFile())), "png", in.resolve("tiny.png").toFile());
        ImageIO.write(noFace(), "png", in.resolve("noface.png").toFile());
        byte[] jpeg = Files.readAllBytes(utk.resolve(WOMEN[2]));
        Files.write(in.resolve("bad-truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 3));
        Files.write(in.resolve("bad-garbage.jpg"), "this is not an image, just text".getBytes());
        Files.write(in.resolve("bad-empty.png"), new byte[0]);

        Path out = tmp.resolve("out");
        BuildResult result = build(in, out);
        List<ManifestRow> rows = Manifest.read(out);
        rows.forEach(r -> System.out.println(r.status() + " " + r.reason() + " " + Path.of(r.origin()).getFileName()
                + " face=" + r.face() + " w=" + r.width() + " gender=" + r.gender() + " p=" + r.probability()
                + " fA=" + r.femaleA() + " fB=" + r.femaleB() + " sharp=" + r.sharpness() + " " + r.detail()));

        Map<String, Long> byReason = rows.stream().collect(Collectors.groupingBy(
                r -> r.kept() ? "kept" : r.reason(), TreeMap::new, Collectors.counting()));
        assertEquals(Map.of("kept", 4L, "duplicate", 2L, "near-duplicate", 1L, "other-gender", 2L, "blurred", 2L,
                "tiny", 1L, "no-face", 1L, "bad-file", 3L), byReason);
        assertEquals(4, result.kept());
        assertEquals(3, result.dropped(DropReason.BAD_FILE));
        assertEquals(16, result.items());
        // Which file got which reason: the copies lose to the originals, the men and blurred ones are who they are.
        assertEquals("duplicate", reasonOf(rows, "woman0_copy.jpg"));
        // A smaller, re-encoded copy is the same picture to the perceptual hash; a mirrored one is not, but its
        // embedding is still close (cosine 0.94 against 0.4-0.7 between different women).
        assertEquals("duplicate", reasonOf(rows, "woman1-small.jpg"));
        assertEquals("near-duplicate", reasonOf(rows, "woman0-mirrored.png"));
        assertEquals("kept", reasonOf(rows, "woman0.jpg"));
        assertEquals("other-gender", reasonOf(rows, "man0.jpg"));
        assertEquals("blurred", reasonOf(rows, "blurred4.png"));
        assertEquals("tiny", reasonOf(rows, "tiny.png"));
        assertEquals("no-face", reasonOf(rows, "noface.png"));
        assertTrue(rows.stream().filter(r -> r.origin().endsWith("bad-truncated.jpg")).allMatch(r -> r.detail().startsWith("TRUNCATED")),
                "the truncated file's problem is named");
        for (ManifestRow kept : rows.stream().filter(ManifestRow::kept).toList()) {
            BufferedImage face = ImageIO.read(out.resolve(kept.crop()).toFile());
            assertEquals(64, face.getWidth());
            assertEquals(64, face.getHeight());
            assertEquals("female", kept.gender());
            assertTrue(kept.femaleA() >= 0.8 && kept.femaleB() >= 0.8, "both models agree: " + kept);
        }
        try (var files = Files.list(out.resolve("faces"))) {
            assertEquals(7, files.count(), "the kept faces and the three repeats, nothing else");
        }
        for (ManifestRow r : rows) {
            assertEquals(r.kept() || r.reason().endsWith("duplicate"), !r.crop().isEmpty(), r.toString());
            assertTrue(r.crop().isEmpty() || Files.isRegularFile(out.resolve(r.crop())), r.crop());
        }

        // Resume: the journal holds every item, so a second run processes none and writes the same manifest.
        BuildResult again = build(in, out);
        assertEquals(16, again.resumed());
        assertEquals(rows, Manifest.read(out));

        // Resume after kill -9: keep the header and 6 finished items, cut the 7th line in half (a crash mid-write).
        Path journal = out.resolve("journal.jsonl");
        List<String> lines = Files.readAllLines(journal);
        String cut = String.join("\n", lines.subList(0, 7)) + "\n" + lines.get(7).substring(0, lines.get(7).length() / 2);
        Files.writeString(journal, cut);
        Files.delete(out.resolve(Manifest.FILE));
        BuildResult resumed = build(in, out);
        assertEquals(6, resumed.resumed(), "the cut line's item is processed again");
        assertEquals(rows, Manifest.read(out));
        assertEquals(17, Files.readAllLines(journal).size(), "header and one line per item, the cut one rewritten");
    }

    /**
     * mobilefacenet scores any two faces cosine >= 0.999 (HumanEmbedderSimilarityTest), so it would call every face a
     * near-duplicate: the build refuses it before doing anything, and says what to use instead.
     */
    @Test
    void refusesAnEmbedderThatCannotCompareFaces() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path out = tmp.resolve("out");
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> DatasetBuild.builder()
                .source(new FolderSource(in)).out(out).embedder("mobilefacenet").build());
        assertTrue(e.getMessage().contains("--embedder mobilefacenet") && e.getMessage().contains("faceres-features"),
                e.getMessage());
        assertFalse(Files.exists(out), "nothing written");
    }

    private static BuildResult build(Path in, Path out) {
        FaceCensus census = FaceCensus.defaults();
        return DatasetBuild.builder().source(new FolderSource(in)).out(out).size(64).keep(Keep.FEMALE)
                .analyzer(census.analyzer().detector("blazeface-front").landmarks("landmark68-net"))
                .classifier("faceapi-agegender,faceres@0.8").minFace(64).build().run();
    }

    private static String reasonOf(List<ManifestRow> rows, String file) {
        List<String> reasons = rows.stream().filter(r -> Path.of(r.origin()).getFileName().toString().equals(file))
                .map(r -> r.kept() ? "kept" : r.reason()).distinct().toList();
        assertEquals(1, reasons.size(), file + ": " + reasons);
        return reasons.get(0);
    }

    private static BufferedImage scaled(BufferedImage src, double f) {
        int w = (int) Math.round(src.getWidth() * f);
        int h = (int) Math.round(src.getHeight() * f);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    private static void writeJpeg(BufferedImage image, Path file, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        try (var stream = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** A Gaussian blur, sigma 5 px, applied twice (a badly out-of-focus photo). */
    private static BufferedImage blurred(BufferedImage src) {
        int radius = 15;
        double sigma = 5;
        float[] k = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        BufferedImage rgb = new BufferedImage(src.getWidth() + 2 * radius, src.getHeight() + 2 * radius, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(src, radius, radius, null); // border so the edge pixels are not lost
        g.dispose();
        ConvolveOp h = new ConvolveOp(new Kernel(k.length, 1, k), ConvolveOp.EDGE_NO_OP, null);
        ConvolveOp v = new ConvolveOp(new Kernel(1, k.length, k), ConvolveOp.EDGE_NO_OP, null);
        BufferedImage once = v.filter(h.filter(rgb, null), null);
        return v.filter(h.filter(once, null), null).getSubimage(radius, radius, src.getWidth(), src.getHeight());
    }

    /** The face shrunk to 56 px in the middle of a 240-px grey picture. */
    private static BufferedImage tinyFace(BufferedImage face) {
        BufferedImage out = new BufferedImage(240, 240, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setColor(new java.awt.Color(128, 128, 128));
        g.fillRect(0, 0, 240, 240);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(face, 92, 92, 56, 56, null);
        g.dispose();
        return out;
    }

    /** A smooth colour gradient: nothing a detector calls a face. */
    private static BufferedImage noFace() {
        BufferedImage out = new BufferedImage(200, 200, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                out.setRGB(x, y, (x * 255 / 199) << 16 | (y * 255 / 199) << 8 | 90);
            }
        }
        return out;
    }
}
