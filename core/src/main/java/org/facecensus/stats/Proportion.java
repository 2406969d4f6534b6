package org.facecensus.stats;

/**
 * A count of successes out of trials, with its Wilson score interval. Used wherever a share is
 * reported (accuracy, share of women), so every figure carries its uncertainty.
 *
 * <p>Why Wilson: unlike the normal (Wald) interval it stays inside [0, 1] and keeps its coverage
 * for small counts and shares near 0 or 1, which is where per-decade and per-race cells live.
 *
 * <p>Thread-safety: immutable.
 *
 * @param successes how many of the trials counted (0 ≤ successes ≤ trials)
 * @param trials    how many there were
 */
public record Proportion(long successes, long trials) {

    /** z for a two-sided 95 % interval. */
    public static final double Z95 = 1.959963984540054;

    public Proportion {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, got " + successes + "/" + trials);
        }
    }

    /** The observed share; NaN when there were no trials. */
    public double estimate() {
        return trials == 0 ? Double.NaN : (double) successes / trials;
    }

    /** The 95 % Wilson interval. */
    public Interval wilson95() {
        return wilson(Z95);
    }

    /** The Wilson score interval for the given z; [0, 1] when there were no trials. */
    public Interval wilson(double z) {
        if (trials == 0) {
            return new Interval(0, 1);
        }
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // Exact endpoints at 0 and n successes: rounding must not push them off the boundary.
        double low = successes == 0 ? 0 : Math.max(0, centre - half);
        double high = successes == trials ? 1 : Math.min(1, centre + half);
        return new Interval(low, high);
    }

    /**
     * A closed interval [low, high].
     *
     * <p>Thread-safety: immutable.
     */
    public record Interval(double low, double high) {
        public Interval {
            if (!(low <= high)) {
                throw new IllegalArgumentException("low " + low + " > high " + high);
            }
        }

        public boolean contains(double x) {
            return low <= x && x <= high;
        }
    }
}
