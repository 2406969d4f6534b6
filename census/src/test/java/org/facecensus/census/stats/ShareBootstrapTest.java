package org.facecensus.census.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShareBootstrapTest {
    /** Twelve posters: (women, men) decided faces on each; 11 women of 29 faces (18 men). */
    private static final int[][] POSTERS = {
        {1, 0}, {0, 1}, {2, 3}, {0, 2}, {1, 1}, {3, 0}, {0, 4}, {1, 0}, {0, 1}, {2, 2}, {1, 3}, {0, 1},
    };
    private static final ClassifierErrorRates RATES = new ClassifierErrorRates("test", 90, 10, 160, 40, "");

    private static int[] column(int[][] rows, int c, int copies) {
        int[] out = new int[rows.length * copies];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows[i % rows.length][c];
        }
        return out;
    }

    @Test
    void fixedSeedGivesTheSameIntervalTwice() {
        int[] w = column(POSTERS, 0, 1);
        int[] m = column(POSTERS, 1, 1);
        ShareBootstrap a = new ShareBootstrap(new PercentileBootstrap(1000, 99), RATES);
        ShareBootstrap b = new ShareBootstrap(new PercentileBootstrap(1000, 99), RATES);
        assertEquals(a.observed("all", w, m), b.observed("all", w, m));
        assertEquals(a.corrected("all", w, m), b.corrected("all", w, m));
    }

    @Test
    void intervalsContainThePointEstimates() {
        int[] w = column(POSTERS, 0, 1);
        int[] m = column(POSTERS, 1, 1);
        ShareBootstrap bootstrap = new ShareBootstrap(new PercentileBootstrap(2000, 5), RATES);
        double observed = 11.0 / 29;
        assertEquals(observed, (double) Arrays.stream(w).sum() / (Arrays.stream(w).sum() + Arrays.stream(m).sum()), 1e-12);
        assertTrue(bootstrap.observed("all", w, m).contains(observed));
        // (0.379310 + 0.8 − 1) / 0.7 = 0.179310 / 0.7 = 0.256158
        double corrected = RoganGladen.correct(observed, 0.9, 0.8);
        assertEquals(0.256158, corrected, 1e-6);
        PercentileBootstrap.Interval interval = bootstrap.corrected("all", w, m);
        assertTrue(interval.contains(corrected), interval.toString());
        // The correction divides by J = 0.7 and adds the evaluation's error: wider than the observed one.
        assertTrue(interval.width() > bootstrap.observed("all", w, m).width());
    }

    @Test
    void narrowerWithMoreItems() {
        ShareBootstrap bootstrap = new ShareBootstrap(new PercentileBootstrap(2000, 5), RATES);
        PercentileBootstrap.Interval small = bootstrap.observed("k", column(POSTERS, 0, 1), column(POSTERS, 1, 1));
        PercentileBootstrap.Interval large = bootstrap.observed("k", column(POSTERS, 0, 9), column(POSTERS, 1, 9));
        // Nine times the items: about a third of the width (√9).
        assertTrue(large.width() < small.width() * 0.5, small + " vs " + large);
        PercentileBootstrap.Interval smallC = bootstrap.corrected("k", column(POSTERS, 0, 1), column(POSTERS, 1, 1));
        PercentileBootstrap.Interval largeC = bootstrap.corrected("k", column(POSTERS, 0, 9), column(POSTERS, 1, 9));
        assertTrue(largeC.width() < smallC.width(), smallC + " vs " + largeC);
    }

    @Test
    void aSmallerEvaluationWidensTheCorrectedInterval() {
        int[] w = column(POSTERS, 0, 20);
        int[] m = column(POSTERS, 1, 20);
        ClassifierErrorRates tiny = new ClassifierErrorRates("tiny", 9, 1, 16, 4, "");
        ClassifierErrorRates big = new ClassifierErrorRates("big", 900, 100, 1600, 400, "");
        PercentileBootstrap b = new PercentileBootstrap(2000, 5);
        double tinyWidth = new ShareBootstrap(b, tiny).corrected("k", w, m).width();
        double bigWidth = new ShareBootstrap(b, big).corrected("k", w, m).width();
        assertTrue(tinyWidth > bigWidth * 1.3, tinyWidth + " vs " + bigWidth);
    }

    @Test
    void binomialDrawsAverageToNp() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        long sum = 0;
        for (int i = 0; i < 1000; i++) {
            sum += ShareBootstrap.binomial(random, 100, 0.3);
        }
        assertEquals(30, sum / 1000.0, 0.5);
    }
}
