package org.facecensus.census.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The percentile cluster bootstrap of statistics that are functions of per-item sums: the share of
 * women (women / decided faces), the share of face area that is women's, the mean size rank of women.
 *
 * <p>Items are the clusters: each replicate draws as many items as there are, with replacement, keeps
 * each drawn item's faces together, adds up the drawn items' rows and computes the statistic from the
 * totals. The faces of one poster are not independent (one designer, one theme, often a couple or a
 * crowd), and resampling items keeps that dependence in the interval, where treating faces as
 * independent draws would make it too narrow.
 *
 * <p>Two statistics asked for with the same key get the same resamples, so their intervals are paired
 * (e.g. the area share and the head-count share of one group). A comparison of two groups resamples
 * each group apart (a stratified bootstrap): the groups are taken as independent samples.
 *
 * <p>Thread-safety: immutable; each call uses its own random source.
 */
public final class ClusterBootstrap {
    private final ShareBootstrap shares;

    /** @param shares the replicates' count and seed, and (when it corrects) the redrawn classifier error rates */
    public ClusterBootstrap(ShareBootstrap shares) {
        this.shares = shares;
    }

    /** The replicates' count and seed, and the redrawn error rates. */
    public ShareBootstrap shares() {
        return shares;
    }

    /**
     * A statistic of the totals of one resample.
     *
     * <p>Thread-safety: implementations must be stateless.
     */
    @FunctionalInterface
    public interface Statistic {
        /**
         * @param totals    the column sums of the drawn rows
         * @param replicate the replicate's number, 0-based, for the redrawn error rates of
         *                  {@link ShareBootstrap#sensitivity(int)}
         * @return the statistic, or NaN where it is undefined on this resample (left out and counted)
         */
        double of(double[] totals, int replicate);
    }

    /**
     * A statistic of two independent groups' totals (a difference of shares).
     *
     * <p>Thread-safety: implementations must be stateless.
     */
    @FunctionalInterface
    public interface TwoGroupStatistic {
        double of(double[] a, double[] b, int replicate);
    }

    /**
     * The 95 % interval of a statistic of one group.
     *
     * @param key  the group's and statistic's name, for the random stream (same key, same resamples)
     * @param rows one row of sums per item
     */
    public PercentileBootstrap.Interval interval(String key, double[][] rows, Statistic statistic) {
        return intervals(key, rows, List.of(statistic)).get(0);
    }

    /**
     * The 95 % intervals of several statistics of one group from one set of resamples: each resample is
     * drawn and summed once, and every statistic is computed from its totals (paired intervals, and the
     * cost of one). The same key gives the same resamples as {@link #interval}.
     */
    public List<PercentileBootstrap.Interval> intervals(String key, double[][] rows, List<Statistic> statistics) {
        PercentileBootstrap b = shares.bootstrap();
        SplittableRandom random = new SplittableRandom(b.seedFor("cluster/" + key));
        int k = statistics.size();
        double[][] values = new double[k][b.samples()];
        int[] defined = new int[k];
        for (int r = 0; r < b.samples(); r++) {
            double[] totals = resampledTotals(random, rows);
            for (int s = 0; s < k; s++) {
                double value = statistics.get(s).of(totals, r);
                if (Double.isFinite(value)) {
                    values[s][defined[s]++] = value;
                }
            }
        }
        List<PercentileBootstrap.Interval> out = new ArrayList<>(k);
        for (int s = 0; s < k; s++) {
            out.add(PercentileBootstrap.percentiles(values[s], defined[s], b.samples()));
        }
        return out;
    }

    /** The 95 % interval of a statistic of two groups, each resampled apart. */
    public PercentileBootstrap.Interval interval(String key, double[][] a, double[][] b, TwoGroupStatistic statistic) {
        int[] replicate = {0};
        return shares.bootstrap().interval("cluster2/" + key, random -> {
            double[] ta = resampledTotals(random, a);
            double[] tb = resampledTotals(random, b);
            return statistic.of(ta, tb, replicate[0]++);
        });
    }

    /**
     * The column sums of {@code rows.length} rows drawn with replacement; an empty array for no rows
     * (callers bootstrap only groups with items).
     */
    static double[] resampledTotals(SplittableRandom random, double[][] rows) {
        int n = rows.length;
        if (n == 0) {
            return new double[0];
        }
        double[] totals = new double[rows[0].length];
        for (int i = 0; i < n; i++) {
            double[] row = rows[random.nextInt(n)];
            for (int k = 0; k < totals.length; k++) {
                totals[k] += row[k];
            }
        }
        return totals;
    }

    /** The column sums of all rows. */
    static double[] totals(double[][] rows, int columns) {
        double[] totals = new double[columns];
        for (double[] row : rows) {
            for (int k = 0; k < columns; k++) {
                totals[k] += row[k];
            }
        }
        return totals;
    }

    /** {@code num / den}, NaN when {@code den} is 0. */
    static double ratio(double num, double den) {
        return den > 0 ? num / den : Double.NaN;
    }
}
