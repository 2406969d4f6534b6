package org.facecensus.classify.baseline;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.facecensus.FaceCensus;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.Gender;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceBox;
import org.facecensus.image.RgbImage;
import org.junit.jupiter.api.Assumptions;

/** UTKFace's labelled 200×200 chips in the shared data folder, read in place (never copied). */
public final class UtkFaces {
    /** How UTKFace may be used; it binds models trained on it. */
    public static final String LICENCE = "UTKFace: non-commercial research only";

    /** One labelled chip. */
    public record Face(String file, String split, Gender gender, int age, String race, RgbImage image) {
        /** The chip as an aligned face: UTKFace chips are already aligned, the whole chip is the face. */
        public AlignedFace aligned() {
            return new AlignedFace(image, new double[] {1, 0, 0, 0, 1, 0}, wholeChip());
        }

        public DetectedFace wholeChip() {
            return new DetectedFace(new FaceBox(0, 0, image.width(), image.height(), 1));
        }

        public LabelledFace labelled() {
            return new LabelledFace(aligned(), gender);
        }
    }

    private UtkFaces() {
    }

    /** The shared data folder's utkface/; aborts the test only when the folder is absent (not on CI). */
    public static Path root() {
        Path root = Path.of(System.getProperty("facecensus.shared", "../../shared")).toAbsolutePath().normalize();
        Path utk = root.resolve("data").resolve("utkface");
        if (!Files.isRegularFile(utk.resolve("labels.csv"))) {
            if (System.getenv("CI") != null) {
                fail("The shared test data folder " + root + "/data is missing; CI must run beside it.");
            }
            Assumptions.abort("Shared test data not found at " + root + "/data (set -Dfacecensus.shared=DIR)");
        }
        return utk;
    }

    /** Every {@code step}-th face of {@code split} ("train" or "test") in labels.csv order, images loaded. */
    public static List<Face> load(String split, int step) {
        Path utk = root();
        List<Face> out = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(utk.resolve("labels.csv"));
            int seen = 0;
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                if (!f[1].equals(split)) {
                    continue;
                }
                if (seen++ % step != 0) {
                    continue;
                }
                Gender g = Gender.valueOf(f[2].toUpperCase(Locale.ROOT));
                out.add(new Face(f[0], f[1], g, Integer.parseInt(f[3]), f[4], FaceCensus.loadImage(utk.resolve(f[0]))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static List<LabelledFace> labelled(List<Face> faces) {
        return faces.stream().map(Face::labelled).toList();
    }
}
