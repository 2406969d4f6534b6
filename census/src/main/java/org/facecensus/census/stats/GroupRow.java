package org.facecensus.census.stats;

/**
 * The counts and shares of one group of items: all of them ({@code overall}), a decade, a tag.
 *
 * <p>Thread-safety: immutable.
 *
 * @param items                 items in the group
 * @param itemsAnalysed         items analysed without failure
 * @param itemsFailed           items that could not be analysed (left out of every other figure)
 * @param itemsWithFaces        analysed items with at least one detected face
 * @param faces                 detected faces
 * @param women                 faces labelled female
 * @param men                   faces labelled male
 * @param unknown               faces without a label (abstained or failed)
 * @param shareOfWomen          the observed share
 * @param correctedShareOfWomen the corrected share, null without classifier error rates
 */
public record GroupRow(long items, long itemsAnalysed, long itemsFailed, long itemsWithFaces, long faces,
                       long women, long men, long unknown, ShareOfWomen shareOfWomen,
                       CorrectedShareOfWomen correctedShareOfWomen) {

    /**
     * A group row with its name, as the rows of {@link ByDecade} and {@link ByTag} are: in the JSON the
     * name's fields come first, then the figures' fields in the same object.
     *
     * <p>Thread-safety: implementations are immutable records.
     */
    public interface Named {
        /** The row's name as the report shows it: the decade label or the tag. */
        String name();

        GroupRow figures();
    }
}
