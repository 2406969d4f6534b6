package org.facecensus.census.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.facecensus.census.ItemRecord;
import org.junit.jupiter.api.Test;

/**
 * The cluster bootstrap's coverage, by simulation: 1,000 made-up collections whose faces are
 * clustered within items, each fitted and bootstrapped as a census would be; the 95 % interval of the
 * slope should hold the true slope in about 95 % of them. Beside it, the naive interval that treats
 * faces as independent (Wald, from the fit's Fisher information) must cover clearly less often, which
 * shows that the collections are clustered enough for the check to mean something.
 *
 * <p>A collection: 100 items, years uniform in 1900–2000, 1–5 faces each. The true share of women at a
 * year is {@code expit(−0.3 + 0.25·(year − 1950)/10)}. An item is, with probability 0.6, all women or
 * all men (all women with that share), otherwise its faces are drawn one by one with that share: the
 * faces' mean follows the logistic curve exactly, so the fit is consistent for the slope, but faces of
 * one item are strongly correlated. 200 replicates per bootstrap; everything is seeded.
 */
class TrendCoverageTest {
    private static final int COLLECTIONS = 1000;
    private static final int ITEMS = 100;
    private static final double TRUE_SLOPE = 0.25;

    @Test
    void clusterBootstrapCoversTheTrueSlopeAbout95PercentOfTheTime() {
        SplittableRandom random = new SplittableRandom(95L);
        int covered = 0;
        int naiveCovered = 0;
        int fitted = 0;
        for (int c = 0; c < COLLECTIONS; c++) {
            List<ItemRecord> items = collection(random, c);
            TrendFigures t = TrendStatistics.compute(items, null,
                    new ShareBootstrap(new PercentileBootstrap(200, 1000L + c), null), "coverage");
            if (!t.fitted() || t.slopePerDecade().interval95() == null) {
                continue;
            }
            fitted++;
            ShareInterval i = t.slopePerDecade().interval95();
            if (i.low() <= TRUE_SLOPE && TRUE_SLOPE <= i.high()) {
                covered++;
            }
            if (naiveCovers(items, t.centreYear())) {
                naiveCovered++;
            }
        }
        double coverage = (double) covered / fitted;
        double naive = (double) naiveCovered / fitted;
        System.out.printf("trend coverage over %d collections: cluster bootstrap %.3f, faces-independent Wald %.3f%n",
                fitted, coverage, naive);
        assertTrue(fitted >= 990, "nearly every collection is fitted: " + fitted);
        // 1,000 collections: the coverage's own standard error is about 0.007.
        assertTrue(coverage >= 0.925 && coverage <= 0.975, "cluster bootstrap coverage " + coverage);
        assertTrue(naive < 0.90, "the naive interval should under-cover on clustered faces: " + naive);
    }

    private static List<ItemRecord> collection(SplittableRandom random, int c) {
        List<ItemRecord> items = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            int year = 1900 + random.nextInt(101);
            double p = LogisticTrend.expit(-0.3 + TRUE_SLOPE * (year - 1950) / 10.0);
            int n = 1 + random.nextInt(5);
            int women;
            if (random.nextDouble() < 0.6) {
                women = random.nextDouble() < p ? n : 0;
            } else {
                women = 0;
                for (int f = 0; f < n; f++) {
                    women += random.nextDouble() < p ? 1 : 0;
                }
            }
            items.add(LogisticTrendTest.dated("c" + c + "-" + i, year, women, n - women));
        }
        return items;
    }

    /** The Wald interval slope ± 1.96·SE with SE from the inverse Fisher information over faces. */
    private static boolean naiveCovers(List<ItemRecord> items, int centre) {
        int n = items.size();
        double[] x = new double[n];
        double[] w = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            ItemRecord item = items.get(i);
            x[i] = (TrendStatistics.year(item) - centre) / 10.0;
            double[] row = ItemSums.row(item);
            w[i] = row[ItemSums.WOMEN];
            m[i] = row[ItemSums.MEN];
        }
        LogisticTrend.Fit fit = LogisticTrend.fit(x, w, m);
        double h00 = 0;
        double h01 = 0;
        double h11 = 0;
        for (int i = 0; i < n; i++) {
            double p = fit.probability(x[i]);
            double weight = (w[i] + m[i]) * p * (1 - p);
            h00 += weight;
            h01 += weight * x[i];
            h11 += weight * x[i] * x[i];
        }
        double se = Math.sqrt(h00 / (h00 * h11 - h01 * h01));
        return Math.abs(fit.slope() - TRUE_SLOPE) <= 1.96 * se;
    }
}
