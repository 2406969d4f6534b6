package org.facecensus.census.stats;

/**
 * The share of women corrected for the classifier's measured error (Rogan–Gladen), present only
 * when an evaluation file was given.
 *
 * <p>Thread-safety: immutable.
 *
 * @param estimate          the corrected share, null when nothing was decided
 * @param clamped           whether the correction fell outside [0, 1] and was clamped
 * @param bootstrap95       the bootstrap interval over items and the evaluation's counts, or null
 *                          where the group gets no bootstrap
 * @param undefinedSamples  bootstrap replicates left out because their redrawn classifier was no
 *                          better than chance (0 without a bootstrap)
 * @param correctedWilson95 the Wilson bounds passed through the correction (the evaluation's own
 *                          error ignored), null when nothing was decided
 */
public record CorrectedShareOfWomen(Double estimate, boolean clamped, ShareInterval bootstrap95,
                                    int undefinedSamples, ShareInterval correctedWilson95) {

    /** The interval to quote: the bootstrap one, or the corrected Wilson one where the group has none. */
    public ShareInterval bootstrapOrCorrectedWilson() {
        return bootstrap95 != null ? bootstrap95 : correctedWilson95;
    }
}
