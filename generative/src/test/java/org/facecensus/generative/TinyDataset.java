package org.facecensus.generative;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.facecensus.dataset.manifest.Manifest;
import org.facecensus.dataset.manifest.ManifestRow;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.ImageOps;
import org.facecensus.image.RgbImage;
import org.junit.jupiter.api.Assumptions;

/**
 * A small dataset folder as {@code dataset build} writes it, made at test time from real UTKFace crops (already
 * aligned faces): {@code faces/*.png} at 32×32 and a manifest whose rows carry the labels' gender and age.
 */
final class TinyDataset {
    private TinyDataset() {
    }

    static Path shared() {
        String property = System.getProperty("facecensus.shared");
        for (Path root : new Path[] {property == null || property.contains("${") ? null : Path.of(property),
                Path.of("..", "..", "shared"), Path.of("..", "shared")}) {
            if (root != null && Files.isDirectory(root.resolve("data"))) {
                return root.toAbsolutePath().normalize();
            }
        }
        Assumptions.abort("Shared test data not found; set -Dfacecensus.shared=/path/to/shared to run this test");
        throw new AssertionError("unreachable");
    }

    /** {@code count} faces from utkface/test at {@code size}×{@code size}. */
    static Path make(Path dir, int count, int size) throws IOException {
        Path utk = shared().resolve("data/utkface");
        List<String> labels = Files.readAllLines(utk.resolve("labels.csv"));
        Files.createDirectories(dir.resolve("faces"));
        List<ManifestRow> rows = new ArrayList<>();
        ImageLoader loader = ImageLoader.defaults();
        for (String line : labels.subList(1, labels.size())) {
            String[] f = line.split(",");
            if (!f[1].equals("test")) {
                continue;
            }
            RgbImage face = ImageOps.resize(loader.load(utk.resolve(f[0])), size, size);
            String crop = "faces/" + rows.size() + ".png";
            BufferedImage img = face.toBufferedImage();
            ImageIO.write(img, "png", dir.resolve(crop).toFile());
            double female = f[2].equals("female") ? 0.9 : 0.1;
            rows.add(new ManifestRow(crop, ManifestRow.KEPT, "", "", utk.resolve(f[0]).toString(), "", 0, 0.0, 0.0,
                    200.0, 200.0, 1.0, f[2], 0.9, female, female, Double.parseDouble(f[3]), 100.0, "0", "test"));
            if (rows.size() == count) {
                break;
            }
        }
        Manifest.write(dir.resolve(Manifest.FILE), rows);
        return dir;
    }

    static long files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
