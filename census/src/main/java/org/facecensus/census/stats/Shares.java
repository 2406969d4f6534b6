package org.facecensus.census.stats;

/**
 * How shares are stored in the statistics records and {@code stats.json}: fractions in [0, 1]
 * rounded to 4 decimals (a hundredth of a percentage point), {@code null} where undefined (a share
 * of no face). The records hold the rounded value, so that the report shows exactly what the file
 * says and a file read back equals the records it was written from.
 *
 * <p>Thread-safety: stateless.
 */
public final class Shares {
    private Shares() {
    }

    /** {@code value} rounded to 4 decimals, or null when it is not finite. */
    public static Double rounded(double value) {
        return Double.isFinite(value) ? Math.round(value * 10_000) / 10_000.0 : null;
    }

    /** A stored share as a number for arithmetic and formatting: NaN where it is undefined. */
    public static double orNaN(Double share) {
        return share == null ? Double.NaN : share;
    }
}
