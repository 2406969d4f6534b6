package org.facecensus.census.stats;

import java.util.List;

/**
 * The share of women as a function of year: a logistic trend with cluster-bootstrap intervals
 * ({@link TrendStatistics}).
 *
 * <p>Thread-safety: immutable.
 *
 * @param fitted             whether a trend was fitted; when not, {@code reason} says why and the
 *                           figures below are null or empty
 * @param reason             why no trend was fitted, or empty
 * @param items              items with a year and a decided face
 * @param faces              their faces labelled female or male
 * @param women              of those, labelled female
 * @param fromYear           the earliest item year, null without items
 * @param toYear             the latest item year
 * @param centreYear         the year the intercept refers to (the items' mean year, rounded)
 * @param slopePerDecade     the change in the log-odds of a face being a woman's per ten years, with
 *                           its percentile cluster-bootstrap interval
 * @param oddsRatioPerDecade {@code exp(slopePerDecade)}, with the interval's bounds exponentiated
 * @param bootstrapP         the two-sided bootstrap p-value of "no trend": twice the smaller share of
 *                           replicates whose slope is ≤ 0 or ≥ 0 (at most 1; resolution 1/samples)
 * @param samples            bootstrap replicates drawn (0 without a bootstrap)
 * @param undefinedSamples   replicates left out because no finite fit existed on them (one-sided or
 *                           separated resamples)
 * @param curve              the fitted share at years from {@code fromYear} to {@code toYear}, with
 *                           pointwise bootstrap bands, and corrected for classifier error where an
 *                           evaluation was given
 */
public record TrendFigures(boolean fitted, String reason, long items, long faces, long women, Integer fromYear,
                           Integer toYear, Integer centreYear, Estimate slopePerDecade, Estimate oddsRatioPerDecade,
                           Double bootstrapP, int samples, int undefinedSamples, List<Point> curve) {
    public TrendFigures {
        reason = reason == null ? "" : reason;
        curve = curve == null ? List.of() : List.copyOf(curve);
    }

    /** No trend, and why. */
    static TrendFigures notFitted(String reason, long items, long faces, long women, Integer fromYear, Integer toYear) {
        return new TrendFigures(false, reason, items, faces, women, fromYear, toYear, null, null, null, null, 0, 0,
                List.of());
    }

    /**
     * One point of the fitted curve.
     *
     * <p>Thread-safety: immutable.
     *
     * @param year            the year
     * @param share           the fitted share of women
     * @param band95          its pointwise 95 % bootstrap band, or null without a bootstrap
     * @param correctedShare  the fitted share passed through the Rogan–Gladen correction, null without
     *                        an evaluation
     * @param correctedBand95 its band, the bootstrap also redrawing the classifier's error rates
     */
    public record Point(int year, Double share, ShareInterval band95, Double correctedShare,
                        ShareInterval correctedBand95) {
    }
}
