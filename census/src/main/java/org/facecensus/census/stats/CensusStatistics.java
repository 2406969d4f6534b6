package org.facecensus.census.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.facecensus.census.ItemRecord;

/**
 * Turns analysed items into the census statistics written to {@code stats.json}.
 *
 * <p>Thread-safety: stateless.
 */
public final class CensusStatistics {

    private CensusStatistics() {
    }

    /**
     * The statistics of a whole run: deterministic for equal inputs (items are taken in the order
     * given; callers pass them sorted by item id).
     */
    public static ObjectNode compute(List<ItemRecord> items, StatsOptions options) {
        throw new UnsupportedOperationException("TODO (census stats)");
    }
}
