package org.facecensus.classify.baseline;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.facecensus.FaceCensus;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.Gender;
import org.facecensus.classify.data.LabelledDataset;
import org.facecensus.classify.data.LabelledFace;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceBox;
import org.facecensus.image.RgbImage;
import org.junit.jupiter.api.Assumptions;

/** UTKFace's labelled 200×200 chips in the shared data folder, read in place (never copied) through {@link LabelledDataset}. */
public final class UtkFaces {
    /** How UTKFace may be used; it binds models trained on it. */
    public static final String LICENCE = "UTKFace: non-commercial research only";

    /** One labelled chip with its pixels. */
    public record Face(LabelledFace labelled, RgbImage image) {
        /** The path relative to utkface/, as labels.csv writes it. */
        public String file() {
            return root().relativize(labelled.file()).toString();
        }

        public Gender gender() {
            return labelled.gender();
        }

        public int age() {
            return Integer.parseInt(labelled.groups().get("age"));
        }

        public String race() {
            return labelled.groups().get("race");
        }

        /** The chip as an aligned face: UTKFace chips are already aligned, the whole chip is the face. */
        public AlignedFace aligned() {
            return AlignedFace.ofCrop(image);
        }

        public DetectedFace wholeChip() {
            return new DetectedFace(new FaceBox(0, 0, image.width(), image.height(), 1));
        }
    }

    private UtkFaces() {
    }

    /** The shared data folder's utkface/; aborts the test only when the folder is absent (not on CI). */
    public static Path root() {
        Path root = Path.of(System.getProperty("facecensus.shared", "../../shared")).toAbsolutePath().normalize();
        Path utk = root.resolve("data").resolve("utkface");
        if (!Files.isRegularFile(utk.resolve(LabelledDataset.LABELS_FILE))) {
            if (System.getenv("CI") != null) {
                fail("The shared test data folder " + root + "/data is missing; CI must run beside it.");
            }
            Assumptions.abort("Shared test data not found at " + root + "/data (set -Dfacecensus.shared=DIR)");
        }
        return utk;
    }

    /** Every {@code step}-th labelled face of {@code split} ("train" or "test") in labels.csv order, images not read. */
    public static List<LabelledFace> labelled(String split, int step) {
        List<LabelledFace> all = LabelledDataset.read(root()).split(split);
        List<LabelledFace> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += step) {
            out.add(all.get(i));
        }
        return out;
    }

    /** As {@link #labelled}, images loaded. */
    public static List<Face> load(String split, int step) {
        return labelled(split, step).stream().map(f -> new Face(f, FaceCensus.loadImage(f.file()))).toList();
    }

    public static List<LabelledFace> labelled(List<Face> faces) {
        return faces.stream().map(Face::labelled).toList();
    }
}
