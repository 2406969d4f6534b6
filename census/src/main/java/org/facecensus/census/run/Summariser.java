package org.facecensus.census.run;

import java.nio.file.Path;
import java.util.List;

import org.facecensus.census.ItemRecord;
import org.facecensus.census.RunInfo;

/**
 * The last step of a census run: statistics and report from the analysed items. The default,
 * {@link StatisticsSummariser}, writes {@code stats.json} and {@code report.html}.
 *
 * <p>Thread-safety: called once per run, from one thread.
 */
@FunctionalInterface
public interface Summariser {
    /**
     * @param outDir the run's output folder
     * @param items  every item, sorted by item id (failed ones and metadata rows without images included)
     * @param run    how the run was made
     */
    void summarise(Path outDir, List<ItemRecord> items, RunInfo run);
}
