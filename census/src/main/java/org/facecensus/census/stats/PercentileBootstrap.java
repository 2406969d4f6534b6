package org.facecensus.census.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Percentile bootstrap intervals, seeded so equal inputs give equal intervals.
 *
 * <p>{@link #interval} draws {@code samples} replicates of a statistic, each from its own resample
 * made with the random source it is given, and returns the 2.5th and 97.5th percentiles of the
 * replicates (linear interpolation between order statistics, "type 7"). Replicates that are not
 * finite (a resample with no data to compute the statistic on) are left out and counted.
 *
 * <p>Thread-safety: immutable; each call uses its own random source.
 *
 * @param samples how many replicates, at least 1 (2,000 is usual for a 95 % interval)
 * @param seed    the seed of the random source
 */
public record PercentileBootstrap(int samples, long seed) {

    public PercentileBootstrap {
        if (samples < 1) {
            throw new IllegalArgumentException("bootstrap samples must be >= 1, got " + samples);
        }
    }

    /**
     * A 95 % interval.
     *
     * @param key       mixed into the seed so that different rows (decades, tags) get independent
     *                  but still reproducible random streams
     * @param replicate computes one replicate from one resample drawn with the given random source
     */
    public Interval interval(String key, ToDoubleFunction<SplittableRandom> replicate) {
        SplittableRandom random = new SplittableRandom(seedFor(key));
        double[] values = new double[samples];
        int defined = 0;
        for (int i = 0; i < samples; i++) {
            double value = replicate.applyAsDouble(random);
            if (Double.isFinite(value)) {
                values[defined++] = value;
            }
        }
        if (defined == 0) {
            return new Interval(Double.NaN, Double.NaN, samples, samples);
        }
        double[] sorted = Arrays.copyOf(values, defined);
        Arrays.sort(sorted);
        return new Interval(quantile(sorted, 0.025), quantile(sorted, 0.975), samples, samples - defined);
    }

    /**
     * The 2.5th and 97.5th percentiles of the first {@code defined} of {@code values} (the finite
     * replicates of {@code samples} drawn); NaN bounds when none was defined.
     */
    static Interval percentiles(double[] values, int defined, int samples) {
        if (defined == 0) {
            return new Interval(Double.NaN, Double.NaN, samples, samples);
        }
        double[] sorted = Arrays.copyOf(values, defined);
        Arrays.sort(sorted);
        return new Interval(quantile(sorted, 0.025), quantile(sorted, 0.975), samples, samples - defined);
    }

    /** The seed of the random source for {@code key}: the same key always gets the same stream. */
    public long seedFor(String key) {
        long h = seed;
        for (int i = 0; i < key.length(); i++) {
            h = h * 0x100000001B3L ^ key.charAt(i);
        }
        return h;
    }

    /** The {@code q}-quantile of sorted values, interpolating linearly between order statistics. */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }

    /**
     * A bootstrap interval.
     *
     * <p>Thread-safety: immutable.
     *
     * @param low       2.5th percentile, NaN when no replicate was defined
     * @param high      97.5th percentile, NaN when no replicate was defined
     * @param samples   replicates drawn
     * @param undefined replicates left out because the statistic was not finite on their resample
     */
    public record Interval(double low, double high, int samples, int undefined) {
        public boolean defined() {
            return !Double.isNaN(low);
        }

        public boolean contains(double x) {
            return low <= x && x <= high;
        }

        public double width() {
            return high - low;
        }
    }
}
