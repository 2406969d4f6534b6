package org.facecensus.census.run;

import java.util.List;

import org.facecensus.census.ItemRecord;
import org.facecensus.model.ModelInfo;

/**
 * One item as analysed, before its catalogue record is joined: its faces (or its error) and the models that made
 * them. What the run journal keeps per line, and what a census engine's workers return.
 *
 * <p>Thread-safety: immutable.
 *
 * @param item   the item's record, without metadata
 * @param models the models that classified its faces (detection models are the run's)
 */
public record AnalysedItem(ItemRecord item, List<ModelInfo> models) {
    public AnalysedItem {
        models = List.copyOf(models);
    }
}
