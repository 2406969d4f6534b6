package org.facecensus.census.run;

import java.nio.file.Path;
import java.util.List;

import org.facecensus.census.ItemRecord;
import org.facecensus.census.RunInfo;
import org.facecensus.census.report.HtmlReport;
import org.facecensus.census.stats.CensusFigures;
import org.facecensus.census.stats.CensusStatistics;
import org.facecensus.census.stats.StatsOptions;

/**
 * Writes {@code stats.json} ({@link CensusStatistics}) and {@code report.html} ({@link HtmlReport}).
 *
 * <p>Thread-safety: immutable.
 */
public final class StatisticsSummariser implements Summariser {
    private final StatsOptions options;

    public StatisticsSummariser(StatsOptions options) {
        this.options = options;
    }

    @Override
    public void summarise(Path outDir, List<ItemRecord> items, RunInfo run) {
        CensusFigures stats = CensusStatistics.compute(items, options);
        OutputFiles.writeAtomically(outDir.resolve("stats.json"), CensusStatistics.toJson(stats));
        HtmlReport.write(outDir, stats, items, run);
    }
}
