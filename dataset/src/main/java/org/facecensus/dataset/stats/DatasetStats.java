package org.facecensus.dataset.stats;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;


import org.facecensus.FaceCensusException;
import org.facecensus.dataset.Keep;
import org.facecensus.dataset.manifest.Manifest;
import org.facecensus.dataset.manifest.ManifestRow;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.ImageOps;
import org.facecensus.image.PngWriter;
import org.facecensus.image.RgbImage;
import org.facecensus.io.AtomicFiles;

/**
 * The study's three checks of a face dataset, plus two histograms, on one HTML page: the mean face (the eyes of well
 * aligned faces line up, so it is sharp around them), the per-pixel variation map (the mean over the colour channels
 * of each pixel's standard deviation across faces), a seeded montage of random faces, and histograms of the
 * estimated age and of the probability of female. What {@code facecensus dataset stats} runs.
 *
 * <p>Thread-safety: a built instance is immutable; {@link #run()} writes only into its output folder.
 */
public final class DatasetStats {
    private final Path dataset;
    private final Path out;
    private final Keep gender;
    private final int montage;
    private final long seed;

    private DatasetStats(Builder b) {
        this.dataset = b.dataset;
        this.out = b.out;
        this.gender = b.gender;
        this.montage = b.montage;
        this.seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the kept faces, writes {@code mean.png}, {@code std.png}, {@code montage.png}, {@code age.png},
     * {@code female.png} and {@code index.html} into the output folder.
     *
     * @throws FaceCensusException when the dataset has no manifest or no face to summarise
     */
    public StatsResult run() {
        List<ManifestRow> rows = Manifest.kept(dataset).stream()
                .filter(r -> gender == Keep.ANY || gender.name().toLowerCase(Locale.ROOT).equals(r.gender())).toList();
        if (rows.isEmpty()) {
            throw new FaceCensusException("No kept face" + (gender == Keep.ANY ? "" : " called "
                    + gender.name().toLowerCase(Locale.ROOT)) + " in " + dataset + "; check its manifest.csv.");
        }
        ImageLoader loader = ImageLoader.defaults();
        int side = loader.load(dataset.resolve(rows.get(0).crop())).width();
        int n = side * side * 3;
        double[] sum = new double[n];
        double[] sumSq = new double[n];
        for (ManifestRow r : rows) {
            RgbImage face = loader.load(dataset.resolve(r.crop()));
            if (face.width() != side || face.height() != side) {
                face = ImageOps.resize(face, side, side);
            }
            java.nio.ByteBuffer px = face.pixels();
            for (int i = 0; i < n; i++) {
                double v = px.get() & 0xff;
                sum[i] += v;
                sumSq[i] += v * v;
            }
        }
        int count = rows.size();
        byte[] mean = new byte[n];
        double[] std = new double[side * side];
        double maxStd = 0;
        double totalStd = 0;
        for (int p = 0; p < side * side; p++) {
            double s = 0;
            for (int c = 0; c < 3; c++) {
                int i = p * 3 + c;
                double m = sum[i] / count;
                mean[i] = (byte) Math.round(m);
                s += Math.sqrt(Math.max(0, sumSq[i] / count - m * m));
            }
            std[p] = s / 3;
            maxStd = Math.max(maxStd, std[p]);
            totalStd += std[p];
        }
        byte[] stdRgb = new byte[n];
        for (int p = 0; p < std.length; p++) {
            byte g = (byte) Math.round(maxStd == 0 ? 0 : std[p] / maxStd * 255);
            stdRgb[p * 3] = g;
            stdRgb[p * 3 + 1] = g;
            stdRgb[p * 3 + 2] = g;
        }
        List<ManifestRow> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(seed));
        List<ManifestRow> chosen = shuffled.subList(0, Math.min(montage, shuffled.size()));
        int cols = (int) Math.ceil(Math.sqrt(chosen.size()));
        int rowsN = (chosen.size() + cols - 1) / cols;
        BufferedImage sheet = new BufferedImage(cols * side, rowsN * side, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = sheet.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        for (int k = 0; k < chosen.size(); k++) {
            g.drawImage(loader.load(dataset.resolve(chosen.get(k).crop())).toBufferedImage(), (k % cols) * side,
                    (k / cols) * side, side, side, null);
        }
        g.dispose();
        List<Double> ages = rows.stream().map(ManifestRow::age).filter(Objects::nonNull).toList();
        List<Double> female = rows.stream().map(ManifestRow::femaleProbability).filter(Objects::nonNull).toList();
        Path meanFile = out.resolve("mean.png");
        Path stdFile = out.resolve("std.png");
        Path montageFile = out.resolve("montage.png");
        Path page = out.resolve("index.html");
        try {
            PngWriter.write(meanFile, RgbImage.of(side, side, mean).toBufferedImage());
            PngWriter.write(stdFile, RgbImage.of(side, side, stdRgb).toBufferedImage());
            PngWriter.write(montageFile, sheet);
            PngWriter.write(out.resolve("age.png"), Histogram.draw("Estimated age (" + ages.size() + " faces)",
                    Histogram.counts(ages, 0, 100, 20), 0, 100, "years"));
            PngWriter.write(out.resolve("female.png"), Histogram.draw("Probability of female (" + female.size() + " faces)",
                    Histogram.counts(female, 0, 1, 20), 0, 1, "p(female), mean of the filter's models"));
            AtomicFiles.writeString(page, html(count, side, maxStd, totalStd / std.length, chosen.size(), ages, female));
        } catch (IOException e) {
            throw new FaceCensusException("Cannot write into " + out + ": " + e.getMessage() + "; choose another --out.", e);
        }
        return new StatsResult(count, meanFile, stdFile, maxStd, totalStd / std.length, montageFile, page);
    }

    private String html(int count, int side, double maxStd, double meanStd, int shown, List<Double> ages, List<Double> female) {
        String title = "Dataset " + esc(dataset.toString()) + (gender == Keep.ANY ? "" : " (" + gender.name().toLowerCase(Locale.ROOT) + ")");
        int scale = Math.max(1, 256 / side);
        String img = "style=\"image-rendering:pixelated;width:" + side * scale + "px\"";
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title>\n"
                + "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto}figure{display:inline-block;"
                + "margin:0 1.5em 1em 0;vertical-align:top}figcaption{max-width:300px;font-size:90%}</style></head><body>\n"
                + "<h1>" + title + "</h1>\n"
                + String.format(Locale.ROOT, "<p>%d kept faces, %d×%d pixels.</p>%n", count, side, side)
                + "<figure><img src=\"mean.png\" alt=\"mean face\" " + img + "><figcaption>Mean face: sharp eyes mean the "
                + "faces are aligned alike.</figcaption></figure>\n"
                + "<figure><img src=\"std.png\" alt=\"std map\" " + img + "><figcaption>Per-pixel variation: mean over the "
                + String.format(Locale.ROOT, "colour channels of each pixel's standard deviation; white = %.1f grey levels "
                + "(mean %.1f). Dark where faces agree.</figcaption></figure>%n", maxStd, meanStd)
                + "<h2>Montage</h2><p>" + shown + " faces drawn at random (seed " + seed + ").</p>\n"
                + "<img src=\"montage.png\" alt=\"montage\" style=\"max-width:100%;image-rendering:pixelated\">\n"
                + "<h2>Age and gender probability</h2>\n"
                + "<img src=\"age.png\" alt=\"age histogram\"> <img src=\"female.png\" alt=\"female probability histogram\">\n"
                + String.format(Locale.ROOT, "<p>%d faces with an age estimate (median %s); %d with a gender probability "
                        + "(median %s).</p>%n", ages.size(), median(ages), female.size(), median(female))
                + "</body></html>\n";
    }

    private static String median(List<Double> values) {
        if (values.isEmpty()) {
            return "-";
        }
        List<Double> s = values.stream().sorted().toList();
        return String.format(Locale.ROOT, "%.2f", s.get(s.size() / 2));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * Settings of a {@link DatasetStats}.
     *
     * <p>Thread-safety: not thread-safe.
     */
    public static final class Builder {
        private Path dataset;
        private Path out;
        private Keep gender = Keep.ANY;
        private int montage = 100;
        private long seed = 1;

        private Builder() {
        }

        /** A folder written by {@code dataset build}. */
        public Builder dataset(Path dir) {
            this.dataset = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Where the pictures and {@code index.html} go (created when absent). */
        public Builder out(Path dir) {
            this.out = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Only kept faces the filter called this gender (default {@link Keep#ANY}: all kept faces). */
        public Builder gender(Keep which) {
            this.gender = Objects.requireNonNull(which, "which");
            return this;
        }

        /** Faces in the montage (default 100). */
        public Builder montage(int faces) {
            if (faces < 1) {
                throw new FaceCensusException("the montage needs at least 1 face; got " + faces);
            }
            this.montage = faces;
            return this;
        }

        /** Seed of the montage's random choice (default 1). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public DatasetStats build() {
            if (dataset == null || out == null) {
                throw new FaceCensusException("dataset stats needs a dataset folder and --out.");
            }
            return new DatasetStats(this);
        }
    }
}
