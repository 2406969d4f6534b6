package org.facecensus.census.stats;

import org.facecensus.FaceCensusException;

/**
 * Two subsets of items to compare, written {@code A vs B} (e.g. {@code tag:Muralism vs tag:Constructivism},
 * {@code decade:1930s vs decade:1950s}, {@code folder:posters vs folder:photos}).
 *
 * <p>Thread-safety: immutable.
 *
 * @param a the first subset
 * @param b the second; differences are {@code b − a}
 */
public record SubsetPair(ItemSubset a, ItemSubset b) {
    /** Reads {@code A vs B}; the error says how to write it. */
    public static SubsetPair parse(String spec) {
        String[] parts = spec == null ? new String[0] : spec.split("\\s+vs\\s+");
        if (parts.length != 2) {
            throw new FaceCensusException("'" + spec + "' is not a comparison; write 'A vs B' with A and B each one of "
                    + ItemSubset.KINDS + ", e.g. 'tag:Muralism vs tag:Constructivism'");
        }
        return new SubsetPair(ItemSubset.parse(parts[0]), ItemSubset.parse(parts[1]));
    }

    @Override
    public String toString() {
        return a + " vs " + b;
    }
}
