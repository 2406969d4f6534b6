package org.facecensus.census.stats;

import java.util.List;
import org.facecensus.census.ItemRecord;

/**
 * Computes {@link ComparisonFigures} for two subsets of a census's items.
 *
 * <p>Thread-safety: stateless.
 */
public final class ComparisonStatistics {
    private ComparisonStatistics() {
    }

    /**
     * @param items     every item of the census
     * @param a         the first subset
     * @param b         the second subset; differences are {@code b − a}
     * @param rates     the classifier's error rates, or null
     * @param bootstrap the cluster bootstrap, or null for estimates without intervals
     */
    public static ComparisonFigures compute(List<ItemRecord> items, ItemSubset a, ItemSubset b,
                                            ClassifierErrorRates rates, ClusterBootstrap bootstrap) {
        List<ItemRecord> inA = items.stream().filter(a).toList();
        List<ItemRecord> inB = items.stream().filter(b).toList();
        long overlap = inA.stream().filter(b).count();
        double[][] ra = ItemSums.rows(inA);
        double[][] rb = ItemSums.rows(inB);
        double[] ta = ClusterBootstrap.totals(ra, ItemSums.COLUMNS);
        double[] tb = ClusterBootstrap.totals(rb, ItemSums.COLUMNS);
        boolean boot = ProminenceStatistics.bootstrappable(bootstrap, ra, ta)
                && ProminenceStatistics.bootstrappable(bootstrap, rb, tb);
        String key = "compare/" + a + "/" + b;
        Estimate share = difference(bootstrap, boot, key, ra, rb, ta, tb, ItemSums::share);
        Estimate corrected = null;
        if (rates != null) {
            double estimate = correct(ItemSums.share(tb), rates) - correct(ItemSums.share(ta), rates);
            PercentileBootstrap.Interval interval = boot && bootstrap.shares().corrects()
                    ? bootstrap.interval(key, ra, rb, (x, y, r) -> bootstrap.shares().correct(ItemSums.share(y), r)
                            - bootstrap.shares().correct(ItemSums.share(x), r))
                    : null;
            corrected = Estimate.of(estimate, interval);
        }
        Estimate area = difference(bootstrap, boot, key, ra, rb, ta, tb, ItemSums::areaShare);
        Estimate central = difference(bootstrap, boot, key, ra, rb, ta, tb, ItemSums::centralShare);
        return new ComparisonFigures(side(a, inA, ra, ta, rates), side(b, inB, rb, tb, rates), overlap, share,
                corrected, area, central);
    }

    private interface Measure {
        double of(double[] totals);
    }

    private static Estimate difference(ClusterBootstrap bootstrap, boolean boot, String key, double[][] ra,
                                       double[][] rb, double[] ta, double[] tb, Measure measure) {
        return Estimate.of(measure.of(tb) - measure.of(ta),
                boot ? bootstrap.interval(key, ra, rb, (x, y, r) -> measure.of(y) - measure.of(x)) : null);
    }

    private static double correct(double observed, ClassifierErrorRates rates) {
        return Double.isNaN(observed) ? Double.NaN : RoganGladen.correct(observed, rates.sensitivity(), rates.specificity());
    }

    private static ComparisonFigures.Side side(ItemSubset subset, List<ItemRecord> items, double[][] rows, double[] t,
                                               ClassifierErrorRates rates) {
        return new ComparisonFigures.Side(subset.toString(), items.size(), rows.length, (long) t[ItemSums.WOMEN],
                (long) (t[ItemSums.WOMEN] + t[ItemSums.MEN]), Shares.rounded(ItemSums.share(t)),
                rates == null ? null : Shares.rounded(correct(ItemSums.share(t), rates)),
                Shares.rounded(ItemSums.areaShare(t)), Shares.rounded(ItemSums.centralShare(t)));
    }
}
