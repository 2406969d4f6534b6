package org.facecensus.census.stats;

import java.util.ArrayList;
import java.util.List;
import org.facecensus.census.ItemRecord;
import org.facecensus.stats.Proportion;

/**
 * Computes {@link ProminenceFigures} for a group of items.
 *
 * <p>Thread-safety: stateless.
 */
public final class ProminenceStatistics {
    private ProminenceStatistics() {
    }

    /**
     * @param items     the group's items
     * @param rates     the classifier's error rates for the corrected central-figure share, or null
     * @param bootstrap the cluster bootstrap, or null for no intervals but Wilson's
     * @param key       the group's name, for its random streams
     */
    public static ProminenceFigures compute(List<ItemRecord> items, ClassifierErrorRates rates,
                                            ClusterBootstrap bootstrap, String key) {
        double[][] rows = ItemSums.rows(items);
        double[] t = ClusterBootstrap.totals(rows, ItemSums.COLUMNS);
        long measured = 0;
        for (double[] row : rows) {
            if (row[ItemSums.WOMEN_MEASURED] + row[ItemSums.MEN_MEASURED] > 0) {
                measured++;
            }
        }
        boolean boot = bootstrappable(bootstrap, rows, t);
        String k = "prominence/" + key;
        Estimate headcount = Estimate.of(ItemSums.share(t),
                boot ? bootstrap.interval(k, rows, (s, r) -> ItemSums.share(s)) : null);
        Estimate area = Estimate.of(ItemSums.areaShare(t),
                boot ? bootstrap.interval(k, rows, (s, r) -> ItemSums.areaShare(s)) : null);
        Estimate areaMinusHeadcount = Estimate.of(
                ItemSums.areaShare(t) - ItemSums.share(t),
                boot ? bootstrap.interval(k, rows, (s, r) -> ItemSums.areaShare(s) - ItemSums.share(s)) : null);
        long cw = (long) t[ItemSums.CENTRAL_WOMAN];
        long cd = cw + (long) t[ItemSums.CENTRAL_MAN];
        Proportion central = new Proportion(cw, cd);
        boolean bootCentral = boot && cw > 0 && cw < cd;
        ShareOfWomen centralFigures = new ShareOfWomen(cw, cd, Shares.rounded(central.estimate()),
                cd == 0 ? null : ShareInterval.of(central.wilson95()),
                bootCentral ? ShareInterval.of(bootstrap.interval(k, rows, (s, r) -> ItemSums.centralShare(s))) : null);
        Estimate correctedCentral = null;
        if (rates != null) {
            double estimate = cd == 0 ? Double.NaN
                    : RoganGladen.correct(central.estimate(), rates.sensitivity(), rates.specificity());
            PercentileBootstrap.Interval interval = bootCentral && bootstrap.shares().corrects()
                    ? bootstrap.interval(k, rows, (s, r) -> bootstrap.shares().correct(ItemSums.centralShare(s), r))
                    : null;
            correctedCentral = Estimate.of(estimate, interval);
        }
        List<ProminenceFigures.GenderMeans> byGender = new ArrayList<>();
        for (boolean women : new boolean[] {true, false}) {
            int g = women ? 0 : 1;
            String gk = k + (women ? "/female" : "/male");
            boolean any = t[ItemSums.WOMEN + g] > 0;
            boolean anyMeasured = t[ItemSums.WOMEN_MEASURED + g] > 0;
            byGender.add(new ProminenceFigures.GenderMeans(women ? "female" : "male",
                    (long) t[ItemSums.WOMEN + g], (long) t[ItemSums.WOMEN_MEASURED + g],
                    mean(bootstrap, boot && any, gk, rows, t, ItemSums.WOMEN_RANK, ItemSums.WOMEN, women),
                    mean(bootstrap, boot && anyMeasured, gk, rows, t, ItemSums.WOMEN_AREA, ItemSums.WOMEN_MEASURED, women),
                    mean(bootstrap, boot && anyMeasured, gk, rows, t, ItemSums.WOMEN_DISTANCE, ItemSums.WOMEN_MEASURED, women)));
        }
        return new ProminenceFigures(rows.length, measured, headcount, area, areaMinusHeadcount, centralFigures,
                correctedCentral, byGender);
    }

    private static Estimate mean(ClusterBootstrap bootstrap, boolean boot, String key, double[][] rows,
                                                   double[] t, int column, int countColumn, boolean women) {
        return Estimate.of(ItemSums.mean(t, column, countColumn, women),
                boot ? bootstrap.interval(key, rows, (s, r) -> ItemSums.mean(s, column, countColumn, women)) : null);
    }

    /** As for the shares: enough items, and both genders seen, or a percentile bootstrap says little. */
    static boolean bootstrappable(ClusterBootstrap bootstrap, double[][] rows, double[] totals) {
        return bootstrap != null && rows.length >= CensusStatistics.MIN_BOOTSTRAP_ITEMS
                && totals[ItemSums.WOMEN] > 0 && totals[ItemSums.MEN] > 0;
    }
}
