package org.facecensus.census.run;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.facecensus.census.ItemRecord;
import org.facecensus.census.RunInfo;
import org.facecensus.census.report.HtmlReport;
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
        ObjectNode stats = CensusStatistics.compute(items, options);
        OutputFiles.writeAtomically(outDir.resolve("stats.json"), OutputFiles.prettyJson(stats));
        HtmlReport.write(outDir, stats, items, run);
    }
}
