package org.facecensus.census.report;

import java.nio.file.Path;
import java.util.List;
import org.facecensus.census.ItemRecord;
import org.facecensus.census.RunInfo;
import org.facecensus.census.stats.CensusFigures;

/**
 * What a report is made from, as every section gets it.
 *
 * <p>Thread-safety: immutable as far as its parts are (the item list is the caller's).
 *
 * @param outDir the run's output folder; crops are under {@code outDir/crops}, as the items' faces say
 * @param stats  the run's statistics
 * @param items  the items the statistics were computed from (for the gallery and the failures)
 * @param run    how the run was made
 */
record ReportInput(Path outDir, CensusFigures stats, List<ItemRecord> items, RunInfo run) {
}
