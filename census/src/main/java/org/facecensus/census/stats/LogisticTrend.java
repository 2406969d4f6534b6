package org.facecensus.census.stats;

/**
 * Maximum-likelihood logistic regression of a binary outcome on one covariate, from grouped counts:
 * {@code P(woman | x) = 1 / (1 + exp(−(intercept + slope·x)))}, fitted by Newton–Raphson (iteratively
 * reweighted least squares) with step halving.
 *
 * <p>Each item is one group: its covariate (the year, centred and in decades) and its counts of faces
 * labelled female and male. The point estimate is the ordinary logistic fit over faces; the items as
 * clusters enter through the interval ({@link TrendStatistics} bootstraps items), not the fit.
 *
 * <p>Thread-safety: stateless.
 */
public final class LogisticTrend {
    /** A slope beyond this many log-odds per unit means the data are (quasi-)separated: no finite fit. */
    static final double MAX_SLOPE = 50;
    private static final int MAX_ITERATIONS = 100;

    private LogisticTrend() {
    }

    /**
     * A fitted line on the log-odds scale.
     *
     * <p>Thread-safety: immutable.
     *
     * @param intercept  the log-odds at x = 0
     * @param slope      the change in log-odds per unit of x
     * @param iterations Newton steps taken
     */
    public record Fit(double intercept, double slope, int iterations) {
        /** The fitted probability at {@code x}. */
        public double probability(double x) {
            return expit(intercept + slope * x);
        }
    }

    /**
     * The fit, or null where it does not exist: no outcome of one kind, fewer than two distinct
     * covariate values, or separated data (the likelihood grows without bound).
     *
     * @param x     the covariate per group
     * @param ones  outcomes 1 per group (faces labelled female)
     * @param zeros outcomes 0 per group (faces labelled male)
     */
    public static Fit fit(double[] x, double[] ones, double[] zeros) {
        int n = x.length;
        double totalOnes = 0;
        double total = 0;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double trials = ones[i] + zeros[i];
            totalOnes += ones[i];
            total += trials;
            if (trials > 0) {
                minX = Math.min(minX, x[i]);
                maxX = Math.max(maxX, x[i]);
            }
        }
        if (totalOnes <= 0 || totalOnes >= total || !(maxX > minX)) {
            return null;
        }
        double a = Math.log(totalOnes / (total - totalOnes));
        double b = 0;
        double ll = logLikelihood(x, ones, zeros, a, b);
        for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
            double g0 = 0;
            double g1 = 0;
            double h00 = 0;
            double h01 = 0;
            double h11 = 0;
            for (int i = 0; i < n; i++) {
                double trials = ones[i] + zeros[i];
                if (trials == 0) {
                    continue;
                }
                double p = expit(a + b * x[i]);
                double residual = ones[i] - trials * p;
                double weight = trials * p * (1 - p);
                g0 += residual;
                g1 += residual * x[i];
                h00 += weight;
                h01 += weight * x[i];
                h11 += weight * x[i] * x[i];
            }
            double det = h00 * h11 - h01 * h01;
            if (!(det > 0)) {
                return null;
            }
            double da = (h11 * g0 - h01 * g1) / det;
            double db = (h00 * g1 - h01 * g0) / det;
            double step = 1;
            double nextA = a + da;
            double nextB = b + db;
            double nextLl = logLikelihood(x, ones, zeros, nextA, nextB);
            while (nextLl < ll - 1e-12 && step > 1e-6) {
                step /= 2;
                nextA = a + step * da;
                nextB = b + step * db;
                nextLl = logLikelihood(x, ones, zeros, nextA, nextB);
            }
            boolean converged = Math.abs(nextA - a) < 1e-10 * (1 + Math.abs(a))
                    && Math.abs(nextB - b) < 1e-10 * (1 + Math.abs(b));
            a = nextA;
            b = nextB;
            ll = nextLl;
            if (Math.abs(b) > MAX_SLOPE || !Double.isFinite(a)) {
                return null;
            }
            if (converged) {
                return new Fit(a, b, iteration);
            }
        }
        return null;
    }

    static double logLikelihood(double[] x, double[] ones, double[] zeros, double a, double b) {
        double ll = 0;
        for (int i = 0; i < x.length; i++) {
            double eta = a + b * x[i];
            // log p = -log(1 + e^-eta), log(1 - p) = -log(1 + e^eta), both computed without overflow
            ll -= ones[i] * log1pExp(-eta) + zeros[i] * log1pExp(eta);
        }
        return ll;
    }

    private static double log1pExp(double t) {
        return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
    }

    /** The logistic function. */
    public static double expit(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }
}
