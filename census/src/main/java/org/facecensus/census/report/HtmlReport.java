package org.facecensus.census.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.facecensus.census.ItemRecord;
import org.facecensus.census.RunInfo;

/**
 * Writes {@code report.html} (and its chart images beside it, under {@code report/}) into the
 * output folder of a census run.
 *
 * <p>Thread-safety: stateless.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /**
     * @param outDir the run's output folder; crops are under {@code outDir/crops}, as the items' faces say
     * @param stats  what {@link org.facecensus.census.stats.CensusStatistics#compute} returned
     * @return the report file
     */
    public static Path write(Path outDir, ObjectNode stats, List<ItemRecord> items, RunInfo run) {
        throw new UnsupportedOperationException("TODO (census report)");
    }
}
