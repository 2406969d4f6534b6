package org.facecensus.census.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.facecensus.FaceCensus;
import org.facecensus.classify.Gender;
import org.facecensus.image.ImageOps;
import org.facecensus.image.RgbImage;

/**
 * Real face photos from the shared UTKFace folder (aligned 200×200 crops with the dataset's binary
 * gender label), turned into 224×224 crops like the census writes, as stand-ins for a run's crops.
 * Read from {@code -Dfacecensus.shared}; tests are skipped only where that folder is absent.
 */
final class UtkFaces {
    /** One labelled photo. */
    record Face(Path file, String split, Gender gender, int age, String race) {
    }

    private UtkFaces() {
    }

    static Path sharedData() {
        String shared = System.getProperty("facecensus.shared");
        List<Path> candidates = new ArrayList<>();
        if (shared != null && !shared.isBlank() && !shared.contains("${")) {
            candidates.add(Path.of(shared, "data"));
        }
        candidates.add(Path.of("..", "..", "shared", "data"));
        for (Path c : candidates) {
            if (Files.isDirectory(c.resolve("utkface"))) {
                return c.toAbsolutePath().normalize();
            }
        }
        assumeTrue(false, "Shared data folder not found (tried " + candidates + "); set -Dfacecensus.shared");
        throw new AssertionError("unreachable");
    }

    /** The faces of one split ("train" or "test"), in labels.csv order. */
    static List<Face> faces(String split) {
        Path root = sharedData().resolve("utkface");
        List<Face> faces = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(root.resolve("labels.csv"), StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                if (f.length >= 5 && f[1].equals(split)) {
                    faces.add(new Face(root.resolve(f[0]), f[1], f[2].equals("female") ? Gender.FEMALE : Gender.MALE,
                            Integer.parseInt(f[3]), f[4]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return faces;
    }

    /** The photo resized to the aligners' 224×224. */
    static RgbImage crop224(Face face) {
        return ImageOps.resize(FaceCensus.loadImage(face.file()), 224, 224);
    }

    /** Writes the 224×224 crop as JPEG to {@code outDir/relative}. */
    static void writeCrop(RgbImage crop, Path outDir, String relative) {
        Path file = outDir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(crop.toBufferedImage(), "jpg", file.toFile())) {
                throw new IllegalStateException("no JPEG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
