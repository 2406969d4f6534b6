package org.facecensus.census.engine;

import java.util.Objects;

import org.facecensus.census.run.CensusSettings;
import org.facecensus.census.run.Summariser;

/**
 * Everything a {@link org.facecensus.census.spi.CensusEngine} needs for one census.
 *
 * <p>Thread-safety: immutable (the summariser is the caller's).
 *
 * @param settings   the census's settings ({@link org.facecensus.census.Census#settings()})
 * @param analyzer   the components, rebuilt by every worker
 * @param summariser the last step (stats.json, report.html), run once at the end
 * @param master     where the engine runs, in its own terms (Spark: {@code local[2]}, {@code spark://host:7077},
 *                   {@code yarn}, {@code k8s://...}); null for the engine's default (Spark: what
 *                   {@code spark-submit} set, else {@code local[*]})
 * @param itemsPerPartition items per unit of work; a finished unit is never redone
 */
public record CensusJob(CensusSettings settings, AnalyzerRecipe analyzer, Summariser summariser, String master,
                        int itemsPerPartition) {
    /** The default unit of work: 64 items (about 10 s on one core). */
    public static final int DEFAULT_ITEMS_PER_PARTITION = 64;

    public CensusJob {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(analyzer, "analyzer");
        Objects.requireNonNull(summariser, "summariser");
        if (itemsPerPartition < 1) {
            throw new IllegalArgumentException("items per partition must be at least 1, got " + itemsPerPartition);
        }
    }
}
