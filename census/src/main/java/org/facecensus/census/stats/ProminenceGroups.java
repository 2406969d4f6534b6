package org.facecensus.census.stats;

import java.util.List;

/**
 * Prominence over all items, per decade and per tag (the same groups as the shares).
 *
 * <p>Thread-safety: immutable.
 *
 * @param overall  every item
 * @param byDecade one row per decade row of {@link ByDecade} (the undated row included)
 * @param byTag    one row per tag row of {@link ByTag}
 */
public record ProminenceGroups(ProminenceFigures overall, List<Row> byDecade, List<Row> byTag) {
    public ProminenceGroups {
        byDecade = List.copyOf(byDecade);
        byTag = List.copyOf(byTag);
    }

    /**
     * One group's prominence.
     *
     * <p>Thread-safety: immutable.
     *
     * @param group   the decade label or the tag
     * @param figures its prominence
     */
    public record Row(String group, ProminenceFigures figures) {
    }
}
