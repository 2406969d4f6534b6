package org.facecensus.census.stats;

import java.util.List;

/**
 * Who each analysed item depicts, from its faces' labels.
 *
 * <p>Thread-safety: immutable.
 *
 * @param analysedItems the items the shares are of
 * @param rows          one per {@link org.facecensus.census.Composition}, in its declaration order
 */
public record CompositionFigures(long analysedItems, List<Row> rows) {
    public CompositionFigures {
        rows = List.copyOf(rows);
    }

    /**
     * One kind of composition.
     *
     * <p>Thread-safety: immutable.
     *
     * @param composition the composition's label ({@code one-woman}, {@code mixed}, ...)
     * @param items       analysed items with it
     * @param share       items / analysed items, null when nothing was analysed
     * @param wilson95    the share's Wilson interval, null when nothing was analysed
     */
    public record Row(String composition, long items, Double share, ShareInterval wilson95) {
    }
}
