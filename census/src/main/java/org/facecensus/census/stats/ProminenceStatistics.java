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
        long cw = (long) t[ItemSums.CENTRAL_WOMAN];
        long cd = cw + (long) t[ItemSums.CENTRAL_MAN];
        boolean bootCentral = boot && cw > 0 && cw < cd;
        boolean correcting = rates != null && bootCentral && bootstrap.shares().corrects();
        // Every interval from one set of resamples: each resample is drawn and summed once.
        List<ClusterBootstrap.Statistic> statistics = new ArrayList<>();
        statistics.add((s, r) -> ItemSums.share(s));
        statistics.add((s, r) -> ItemSums.areaShare(s));
        statistics.add((s, r) -> ItemSums.areaShare(s) - ItemSums.share(s));
        statistics.add((s, r) -> ItemSums.centralShare(s));
        statistics.add((s, r) -> correcting ? bootstrap.shares().correct(ItemSums.centralShare(s), r) : Double.NaN);
        for (boolean women : new boolean[] {true, false}) {
            statistics.add((s, r) -> ItemSums.mean(s, ItemSums.WOMEN_RANK, ItemSums.WOMEN, women));
            statistics.add((s, r) -> ItemSums.mean(s, ItemSums.WOMEN_AREA, ItemSums.WOMEN_MEASURED, women));
            statistics.add((s, r) -> ItemSums.mean(s, ItemSums.WOMEN_DISTANCE, ItemSums.WOMEN_MEASURED, women));
        }
        List<PercentileBootstrap.Interval> intervals = boot
                ? bootstrap.intervals("prominence/" + key, rows, statistics) : null;
        Estimate headcount = Estimate.of(ItemSums.share(t), interval(intervals, 0));
        Estimate area = Estimate.of(ItemSums.areaShare(t), interval(intervals, 1));
        Estimate areaMinusHeadcount = Estimate.of(ItemSums.areaShare(t) - ItemSums.share(t), interval(intervals, 2));
        Proportion central = new Proportion(cw, cd);
        ShareOfWomen centralFigures = new ShareOfWomen(cw, cd, Shares.rounded(central.estimate()),
                cd == 0 ? null : ShareInterval.of(central.wilson95()),
                bootCentral ? ShareInterval.of(intervals.get(3)) : null);
        Estimate correctedCentral = null;
        if (rates != null) {
            double estimate = cd == 0 ? Double.NaN
                    : RoganGladen.correct(central.estimate(), rates.sensitivity(), rates.specificity());
            correctedCentral = Estimate.of(estimate, correcting ? intervals.get(4) : null);
        }
        List<ProminenceFigures.GenderMeans> byGender = new ArrayList<>();
        int next = 5;
        for (boolean women : new boolean[] {true, false}) {
            int g = women ? 0 : 1;
            boolean any = t[ItemSums.WOMEN + g] > 0;
            boolean anyMeasured = t[ItemSums.WOMEN_MEASURED + g] > 0;
            byGender.add(new ProminenceFigures.GenderMeans(women ? "female" : "male",
                    (long) t[ItemSums.WOMEN + g], (long) t[ItemSums.WOMEN_MEASURED + g],
                    Estimate.of(ItemSums.mean(t, ItemSums.WOMEN_RANK, ItemSums.WOMEN, women), any ? interval(intervals, next) : null),
                    Estimate.of(ItemSums.mean(t, ItemSums.WOMEN_AREA, ItemSums.WOMEN_MEASURED, women),
                            anyMeasured ? interval(intervals, next + 1) : null),
                    Estimate.of(ItemSums.mean(t, ItemSums.WOMEN_DISTANCE, ItemSums.WOMEN_MEASURED, women),
                            anyMeasured ? interval(intervals, next + 2) : null)));
            next += 3;
        }
        return new ProminenceFigures(rows.length, measured, headcount, area, areaMinusHeadcount, centralFigures,
                correctedCentral, byGender);
    }

    private static PercentileBootstrap.Interval interval(List<PercentileBootstrap.Interval> intervals, int index) {
        return intervals == null ? null : intervals.get(index);
    }

    /** As for the shares: enough items, and both genders seen, or a percentile bootstrap says little. */
    static boolean bootstrappable(ClusterBootstrap bootstrap, double[][] rows, double[] totals) {
        return bootstrap != null && rows.length >= CensusStatistics.MIN_BOOTSTRAP_ITEMS
                && totals[ItemSums.WOMEN] > 0 && totals[ItemSums.MEN] > 0;
    }
}
