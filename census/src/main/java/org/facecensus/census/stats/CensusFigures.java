package org.facecensus.census.stats;

import java.util.List;

/**
 * The statistics of a census run: what {@link CensusStatistics#compute} returns, what
 * {@code stats.json} holds and what the report is drawn from. Jackson writes the fields in the order
 * of the record components, which is the order of the schema in {@link CensusStatistics}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param schema       {@value CensusStatistics#SCHEMA}
 * @param totals       counts over every item
 * @param overall      the group row of all items
 * @param classifier   the error rates used for the correction, null without an evaluation file
 * @param composition  items by composition
 * @param facesPerItem analysed items per number of detected faces
 * @param byDecade     the figures per decade
 * @param byTag        the figures per tag
 * @param descriptions the description terms, null without a description miner
 * @param prominence   how prominently women and men are shown, overall, per decade and per tag
 * @param trend        the logistic trend of the share of women over the years
 * @param comparisons  two subsets at a time, with the differences and their intervals
 * @param method       how the figures were made
 */
public record CensusFigures(String schema, Totals totals, GroupRow overall, ClassifierFigures classifier,
                            CompositionFigures composition, List<FacesPerItem> facesPerItem, ByDecade byDecade,
                            ByTag byTag, DescriptionFigures descriptions, ProminenceGroups prominence,
                            TrendFigures trend, List<ComparisonFigures> comparisons, Method method) {
    public CensusFigures {
        facesPerItem = List.copyOf(facesPerItem);
        comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
    }

    /** Whether the shares were corrected for classifier error (an evaluation file was given). */
    public boolean corrected() {
        return classifier != null;
    }

    /**
     * One bin of the histogram of faces per analysed item.
     *
     * <p>Thread-safety: immutable.
     *
     * @param faces "0" to "9", or "10+" for the last bin
     * @param items analysed items with that many faces
     */
    public record FacesPerItem(String faces, long items) {
    }
}
