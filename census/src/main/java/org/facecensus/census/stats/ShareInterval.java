package org.facecensus.census.stats;

import org.facecensus.stats.Proportion;

/**
 * A 95 % interval of a share, as {@code {"low", "high"}} in {@code stats.json}: bounds rounded by
 * {@link Shares#rounded}, null where undefined (a bootstrap none of whose replicates was defined).
 *
 * <p>Thread-safety: immutable.
 *
 * @param low  the lower bound, or null
 * @param high the upper bound, or null
 */
public record ShareInterval(Double low, Double high) {

    /** The interval between two computed bounds, rounded. */
    public static ShareInterval rounded(double low, double high) {
        return new ShareInterval(Shares.rounded(low), Shares.rounded(high));
    }

    public static ShareInterval of(Proportion.Interval interval) {
        return rounded(interval.low(), interval.high());
    }

    public static ShareInterval of(PercentileBootstrap.Interval interval) {
        return rounded(interval.low(), interval.high());
    }

    /** High minus low, NaN when a bound is undefined. */
    public double width() {
        return Shares.orNaN(high) - Shares.orNaN(low);
    }
}
