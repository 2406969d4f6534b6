package org.facecensus.census.stats;

import java.util.SplittableRandom;

/**
 * Bootstrap intervals for the share of women in a group of items, observed and corrected for
 * classifier error.
 *
 * <p>Items are the resampling unit, not faces: the faces of one poster share a designer, a theme and
 * often a composition (a couple, a crowd of soldiers), so they are not independent, and treating them
 * as such would make intervals too narrow. Only items with at least one decided face enter (the others
 * add nothing to either count).
 *
 * <p>For the corrected share each replicate also redraws the classifier's sensitivity and specificity
 * from the evaluation's confusion counts (binomially: {@code decidedWomen} draws at the measured
 * sensitivity, {@code decidedMen} at the measured specificity), so the interval holds both the
 * sampling error of the collection and the measurement error of the evaluation. Those redraws are
 * made once per run and shared by all groups: every group is corrected with the same classifier, and
 * it keeps the work proportional to the number of items. A replicate whose redrawn classifier is no
 * better than chance, or that has no decided face, is undefined and left out (and counted).
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class ShareBootstrap {
    private final PercentileBootstrap bootstrap;
    private final double[] sensitivities;
    private final double[] specificities;

    /**
     * @param bootstrap how many replicates, with which seed
     * @param rates     the classifier's measured error, or null for observed shares only
     */
    public ShareBootstrap(PercentileBootstrap bootstrap, ClassifierErrorRates rates) {
        this.bootstrap = bootstrap;
        if (rates == null) {
            sensitivities = null;
            specificities = null;
            return;
        }
        SplittableRandom random = new SplittableRandom(bootstrap.seedFor("classifier-error"));
        sensitivities = new double[bootstrap.samples()];
        specificities = new double[bootstrap.samples()];
        for (int i = 0; i < bootstrap.samples(); i++) {
            sensitivities[i] = (double) binomial(random, rates.decidedWomen(), rates.sensitivity()) / rates.decidedWomen();
            specificities[i] = (double) binomial(random, rates.decidedMen(), rates.specificity()) / rates.decidedMen();
        }
    }

    public PercentileBootstrap bootstrap() {
        return bootstrap;
    }

    /**
     * The sensitivity redrawn for replicate {@code replicate} (0-based, below {@code samples}), so other
     * bootstrapped statistics correct each replicate with the same redrawn classifier.
     */
    public double sensitivity(int replicate) {
        return sensitivities[replicate];
    }

    /** The specificity redrawn for replicate {@code replicate}. */
    public double specificity(int replicate) {
        return specificities[replicate];
    }

    /**
     * The Rogan–Gladen correction of an observed share with replicate {@code replicate}'s redrawn error
     * rates; NaN when that redrawn classifier is no better than chance (the replicate is left out).
     */
    public double correct(double observed, int replicate) {
        double sensitivity = sensitivities[replicate];
        double specificity = specificities[replicate];
        if (!(sensitivity + specificity - 1 > 0) || Double.isNaN(observed)) {
            return Double.NaN;
        }
        return RoganGladen.correct(observed, sensitivity, specificity);
    }

    /** Whether {@link #corrected} can be called: error rates were given. */
    public boolean corrects() {
        return sensitivities != null;
    }

    /**
     * The 95 % interval of the observed share of women, resampling items.
     *
     * @param key   the group's name, for its own random stream
     * @param women per item with a decided face: its faces labelled female
     * @param men   per item, aligned with {@code women}: its faces labelled male
     */
    public PercentileBootstrap.Interval observed(String key, int[] women, int[] men) {
        return bootstrap.interval("observed/" + key, random -> resampledShare(random, women, men));
    }

    /** The 95 % interval of the Rogan–Gladen corrected share, resampling items and the evaluation. */
    public PercentileBootstrap.Interval corrected(String key, int[] women, int[] men) {
        if (!corrects()) {
            throw new IllegalStateException("no classifier error rates were given");
        }
        int[] replicate = {0};
        return bootstrap.interval("corrected/" + key, random -> {
            int i = replicate[0]++;
            double observed = resampledShare(random, women, men);
            double sensitivity = sensitivities[i];
            double specificity = specificities[i];
            if (!(sensitivity + specificity - 1 > 0)) {
                return Double.NaN;
            }
            return RoganGladen.correct(observed, sensitivity, specificity);
        });
    }

    private static double resampledShare(SplittableRandom random, int[] women, int[] men) {
        int n = women.length;
        if (n == 0) {
            return Double.NaN;
        }
        long w = 0;
        long decided = 0;
        for (int i = 0; i < n; i++) {
            int pick = random.nextInt(n);
            w += women[pick];
            decided += women[pick] + men[pick];
        }
        return decided == 0 ? Double.NaN : (double) w / decided;
    }

    /** A Binomial(n, p) draw, by counting successes: n is an evaluation set's size, so this is cheap. */
    static long binomial(SplittableRandom random, long n, double p) {
        long successes = 0;
        for (long i = 0; i < n; i++) {
            if (random.nextDouble() < p) {
                successes++;
            }
        }
        return successes;
    }
}
