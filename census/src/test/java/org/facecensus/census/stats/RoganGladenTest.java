package org.facecensus.census.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RoganGladenTest {

    /**
     * Worked by hand: a classifier that calls 90 % of women women (se = 0.9) and 80 % of men men
     * (sp = 0.8) labels 40 % of the faces female. Then 0.40 = p·0.9 + (1 − p)·0.2 = 0.2 + 0.7p, so
     * p = (0.40 − 0.2) / 0.7 = 0.2 / 0.7 = 0.285714…: a fifth of the "women" were men called women.
     * Check: 0.285714·0.9 + 0.714286·0.2 = 0.257143 + 0.142857 = 0.4.
     */
    @Test
    void workedExample() {
        assertEquals(0.2 / 0.7, RoganGladen.correct(0.40, 0.9, 0.8), 1e-12);
        assertEquals(0.285714, RoganGladen.correct(0.40, 0.9, 0.8), 1e-6);
        assertFalse(RoganGladen.clamps(0.40, 0.9, 0.8));
    }

    @Test
    void perfectClassifierChangesNothing() {
        assertEquals(0.37, RoganGladen.correct(0.37, 1, 1), 1e-12);
    }

    /**
     * Observed 10 % female is below the 20 % of men a sp = 0.8 classifier calls female:
     * (0.1 + 0.8 − 1) / 0.7 = −0.142857 → 0. Observed 95 % with se = 0.9, sp = 0.95:
     * (0.95 + 0.95 − 1) / 0.85 = 1.0588 → 1.
     */
    @Test
    void clampsToTheUnitInterval() {
        assertEquals(0, RoganGladen.correct(0.10, 0.9, 0.8));
        assertTrue(RoganGladen.clamps(0.10, 0.9, 0.8));
        assertEquals(1, RoganGladen.correct(0.95, 0.9, 0.95));
        assertTrue(RoganGladen.clamps(0.95, 0.9, 0.95));
    }

    @Test
    void chanceClassifierIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoganGladen.correct(0.5, 0.6, 0.4));
        assertTrue(e.getMessage().contains("no better than chance"), e.getMessage());
    }

    @Test
    void undefinedObservedShareStaysUndefined() {
        assertTrue(Double.isNaN(RoganGladen.correct(Double.NaN, 0.9, 0.8)));
    }
}
