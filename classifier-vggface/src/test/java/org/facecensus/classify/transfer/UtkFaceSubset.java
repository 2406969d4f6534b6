package org.facecensus.classify.transfer;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.facecensus.classify.data.LabelledDataset;
import org.facecensus.classify.data.LabelledFace;
import org.junit.jupiter.api.Assumptions;

/** The real UTKFace crops in ../shared/data/utkface, read in place (never copied into the repository). */
public final class UtkFaceSubset {
    private UtkFaceSubset() {
    }

    public static Path shared() {
        Path root = Path.of(System.getProperty("facecensus.shared", "../../shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("data"))) {
            if (System.getenv("CI") != null) {
                fail("The shared test data folder " + root + "/data is missing; CI must run beside it.");
            }
            Assumptions.abort("Shared test data not found at " + root + "/data (set -Dfacecensus.shared=DIR)");
        }
        return root.resolve("data");
    }

    public static Path utkface() {
        return shared().resolve("utkface");
    }

    /** Every {@code step}-th face of a split (labels.csv is grouped by gender and race, so this keeps both). */
    public static List<LabelledFace> every(String split, int step) {
        List<LabelledFace> all = LabelledDataset.read(utkface()).split(split);
        List<LabelledFace> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += step) {
            out.add(all.get(i));
        }
        return out;
    }

    /** Writes a labels.csv naming files by absolute path, with the given raw rows after the header. */
    public static Path labelsCsv(Path dir, String header, List<String> rows) {
        try {
            Files.write(dir.resolve("labels.csv"), (header + "\n" + String.join("\n", rows) + "\n").getBytes());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
