package org.facecensus.census.stats;

/**
 * A figure and its 95 % interval, as {@code {"estimate", "interval95"}} in {@code stats.json}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param estimate   the figure, rounded to 4 decimals; null where undefined
 * @param interval95 its 95 % interval, or null where none is given
 */
public record Estimate(Double estimate, ShareInterval interval95) {
    /** A computed figure and its bootstrap interval (null, or one with no defined replicate: no interval). */
    static Estimate of(double estimate, PercentileBootstrap.Interval interval) {
        return new Estimate(Shares.rounded(estimate), interval == null || !interval.defined() ? null
                : ShareInterval.of(interval));
    }

    /** Whether the interval is there and excludes 0 (for differences and slopes). */
    public boolean excludesZero() {
        return interval95 != null && interval95.low() != null && interval95.high() != null
                && (interval95.low() > 0 || interval95.high() < 0);
    }
}
