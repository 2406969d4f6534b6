package org.facecensus.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProportionTest {

    // Hand-computed: p = 0.3, n = 10, z = 1.959964:
    // centre = (0.3 + 3.841459/20) / (1 + 0.3841459) = 0.4920730 / 1.3841459 = 0.355505
    // half   = 1.959964 / 1.3841459 * sqrt(0.021 + 3.841459/400) = 1.416009 * 0.1749707 = 0.247760
    @Test
    void wilsonMatchesHandComputedValue() {
        var ci = new Proportion(3, 10).wilson95();
        assertEquals(0.10779, ci.low(), 1e-5);
        assertEquals(0.60322, ci.high(), 1e-5);
    }

    // Published example (Newcombe 1998, table I): 81/263 -> 0.2553 to 0.3662.
    @Test
    void wilsonMatchesNewcombe() {
        var ci = new Proportion(81, 263).wilson95();
        assertEquals(0.2553, ci.low(), 1e-4);
        assertEquals(0.3662, ci.high(), 1e-4);
    }

    @Test
    void boundariesAreExact() {
        assertEquals(0.0, new Proportion(0, 5).wilson95().low());
        assertEquals(1.0, new Proportion(5, 5).wilson95().high());
        // 0/5: upper = z^2/(n+z^2) = 3.841459/8.841459
        assertEquals(0.43449, new Proportion(0, 5).wilson95().high(), 1e-5);
        var none = new Proportion(0, 0);
        assertTrue(Double.isNaN(none.estimate()));
        assertEquals(new Proportion.Interval(0, 1), none.wilson95());
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> new Proportion(6, 5));
        assertThrows(IllegalArgumentException.class, () -> new Proportion(-1, 5));
    }
}
