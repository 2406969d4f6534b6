package org.facecensus.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.facecensus.dataset.manifest.Manifest;
import org.facecensus.dataset.manifest.ManifestRow;
import org.facecensus.dataset.stats.DatasetStats;
import org.facecensus.dataset.stats.StatsResult;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.ImageOps;
import org.facecensus.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dataset stats} on 30 real UTKFace crops written as a built dataset (half of them labelled female): the mean
 * face and the std map are checked pixel by pixel against a direct computation, the gender selection counts only the
 * women, and the page links every picture.
 */
class DatasetStatsTest {
    @TempDir
    Path tmp;

    @Test
    void meanStdMontageAndPage() throws IOException {
        Path utk = TestData.data("utkface");
        List<String> labels = Files.readAllLines(utk.resolve("labels.csv"));
        Path data = Files.createDirectories(tmp.resolve("data/faces"));
        List<ManifestRow> rows = new ArrayList<>();
        List<RgbImage> women = new ArrayList<>();
        int female = 0;
        int male = 0;
        for (String line : labels.subList(1, labels.size())) {
            String[] f = line.split(",");
            boolean isFemale = f[2].equals("female");
            if (isFemale ? female == 15 : male == 15) {
                continue;
            }
            RgbImage face = ImageOps.resize(ImageLoader.defaults().load(utk.resolve(f[0])), 32, 32);
            String crop = "faces/" + rows.size() + ".png";
            ImageIO.write(face.toBufferedImage(), "png", tmp.resolve("data").resolve(crop).toFile());
            double p = isFemale ? 0.95 : 0.05;
            rows.add(new ManifestRow(crop, ManifestRow.KEPT, "", "", f[0], "", 0, 0.0, 0.0, 200.0, 200.0, 1.0,
                    isFemale ? "female" : "male", 0.95, p, p, Double.parseDouble(f[3]), 100.0, "0", "test"));
            if (isFemale) {
                women.add(face);
                female++;
            } else {
                male++;
            }
            if (female == 15 && male == 15) {
                break;
            }
        }
        rows.add(new ManifestRow("", ManifestRow.DROPPED, "blurred", "", "x", "", 0, null, null, null, null, null,
                "female", null, null, null, null, 3.0, "0", "test"));
        Manifest.write(tmp.resolve("data").resolve(Manifest.FILE), rows);

        StatsResult r = DatasetStats.builder().dataset(tmp.resolve("data")).out(tmp.resolve("stats")).gender(Keep.FEMALE)
                .montage(9).seed(7).build().run();
        assertEquals(15, r.faces(), "only the kept women");
        BufferedImage mean = ImageIO.read(r.meanFace().toFile());
        BufferedImage std = ImageIO.read(r.stdMap().toFile());
        int maxGrey = 0;
        for (int[] at : new int[][] {{0, 0}, {16, 12}, {31, 31}, {10, 20}}) {
            double[] sum = new double[3];
            double[] sq = new double[3];
            for (RgbImage w : women) {
                int rgb = w.rgb(at[0], at[1]);
                for (int c = 0; c < 3; c++) {
                    int v = rgb >> (16 - 8 * c) & 0xff;
                    sum[c] += v;
                    sq[c] += v * v;
                }
            }
            int got = mean.getRGB(at[0], at[1]);
            double stdMean = 0;
            for (int c = 0; c < 3; c++) {
                double m = sum[c] / women.size();
                assertEquals(m, got >> (16 - 8 * c) & 0xff, 0.5 + 1e-9, "mean at " + at[0] + "," + at[1]);
                stdMean += Math.sqrt(sq[c] / women.size() - m * m) / 3;
            }
            int grey = std.getRGB(at[0], at[1]) & 0xff;
            assertEquals(stdMean / r.maxStd() * 255, grey, 0.5 + 1e-6, "std map at " + at[0] + "," + at[1]);
            maxGrey = Math.max(maxGrey, grey);
        }
        assertTrue(r.maxStd() > 10 && r.maxStd() < 128, "max std " + r.maxStd());
        BufferedImage montage = ImageIO.read(r.montage().toFile());
        assertEquals(96, montage.getWidth(), "9 faces: 3 columns of 32 px");
        String html = Files.readString(r.page());
        for (String picture : List.of("mean.png", "std.png", "montage.png", "age.png", "female.png")) {
            assertTrue(html.contains("src=\"" + picture + "\""), picture);
            assertTrue(Files.size(tmp.resolve("stats").resolve(picture)) > 100, picture);
        }
        assertTrue(html.contains("15 kept faces"), html);
    }
}
