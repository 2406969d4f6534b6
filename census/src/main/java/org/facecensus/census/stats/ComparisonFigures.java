package org.facecensus.census.stats;

/**
 * Two subsets of the items set side by side ({@link ItemSubset}): each one's shares, and the
 * difference {@code b − a} with its 95 % interval from a stratified cluster bootstrap (each subset's
 * items resampled apart; see {@link ClusterBootstrap}). An item in both subsets (two tags on one
 * poster) is in both samples, which the bootstrap treats as independent: the interval is then a
 * little too wide for overlapping subsets, never too narrow when they are disjoint.
 *
 * <p>Thread-safety: immutable.
 *
 * @param a                         the first subset
 * @param b                         the second subset
 * @param overlappingItems          items in both
 * @param shareOfWomen              the difference of the shares of women among decided faces
 * @param correctedShareOfWomen     the difference of the Rogan–Gladen corrected shares (the bootstrap
 *                                  redraws the error rates too), null without an evaluation
 * @param areaShareOfWomen          the difference of the women's shares of face area
 * @param centralFiguresWomen       the difference of the shares of central figures who are women
 */
public record ComparisonFigures(Side a, Side b, long overlappingItems, Estimate shareOfWomen,
                                Estimate correctedShareOfWomen, Estimate areaShareOfWomen,
                                Estimate centralFiguresWomen) {

    /**
     * One subset's figures.
     *
     * <p>Thread-safety: immutable.
     *
     * @param subset               as written, e.g. {@code tag:Muralism}
     * @param items                items in the subset
     * @param itemsWithDecidedFace of those, analysed items with a face labelled female or male
     * @param women                faces labelled female
     * @param decided              faces labelled female or male
     * @param shareOfWomen         women / decided
     * @param correctedShareOfWomen Rogan–Gladen corrected, null without an evaluation
     * @param areaShareOfWomen     the women's share of face area
     * @param centralFiguresWomen  women among the central figures
     */
    public record Side(String subset, long items, long itemsWithDecidedFace, long women, long decided,
                       Double shareOfWomen, Double correctedShareOfWomen, Double areaShareOfWomen,
                       Double centralFiguresWomen) {
    }
}
