package org.facecensus.census.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PercentileBootstrapTest {

    /** Type 7: position q·(n − 1); for 1..5, 0.025 → 0.1 → 1.1 and 0.975 → 3.9 → 4.9. */
    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertEquals(1.1, PercentileBootstrap.quantile(sorted, 0.025), 1e-12);
        assertEquals(4.9, PercentileBootstrap.quantile(sorted, 0.975), 1e-12);
        assertEquals(3, PercentileBootstrap.quantile(sorted, 0.5), 1e-12);
        assertEquals(7, PercentileBootstrap.quantile(new double[] {7}, 0.975), 1e-12);
    }

    @Test
    void sameSeedAndKeySameInterval() {
        PercentileBootstrap bootstrap = new PercentileBootstrap(500, 42);
        PercentileBootstrap.Interval a = bootstrap.interval("1960s", r -> r.nextDouble());
        PercentileBootstrap.Interval b = new PercentileBootstrap(500, 42).interval("1960s", r -> r.nextDouble());
        assertEquals(a, b);
        assertNotEquals(a, bootstrap.interval("1970s", r -> r.nextDouble()));
        assertNotEquals(a, new PercentileBootstrap(500, 43).interval("1960s", r -> r.nextDouble()));
        // Uniform replicates: the percentiles sit near 0.025 and 0.975.
        assertEquals(0.025, a.low(), 0.02);
        assertEquals(0.975, a.high(), 0.02);
    }

    @Test
    void undefinedReplicatesAreLeftOutAndCounted() {
        int[] n = {0};
        PercentileBootstrap.Interval interval = new PercentileBootstrap(100, 1)
                .interval("k", r -> n[0]++ % 4 == 0 ? Double.NaN : 0.5);
        assertEquals(25, interval.undefined());
        assertEquals(0.5, interval.low());
        assertEquals(0.5, interval.high());
        PercentileBootstrap.Interval none = new PercentileBootstrap(10, 1).interval("k", r -> Double.NaN);
        assertFalse(none.defined());
        assertEquals(10, none.undefined());
    }

    @Test
    void needsAtLeastOneSample() {
        assertThrows(IllegalArgumentException.class, () -> new PercentileBootstrap(0, 1));
    }

    @Test
    void intervalContainsItsCentre() {
        PercentileBootstrap.Interval interval = new PercentileBootstrap(2000, 7).interval("k", r -> r.nextGaussian());
        assertTrue(interval.contains(0), interval.toString());
        // A standard normal's 2.5 % / 97.5 % points are ±1.96.
        assertEquals(-1.96, interval.low(), 0.15);
        assertEquals(1.96, interval.high(), 0.15);
    }
}
