package org.facecensus.census.spark;

import org.facecensus.census.engine.CensusEngines;
import org.facecensus.census.engine.CensusJob;
import org.facecensus.census.run.CensusResult;
import org.facecensus.census.spi.CensusEngine;

/**
 * The {@code spark} census engine: {@code facecensus analyze --engine spark [--master local[2]]}, or, as a library,
 * {@code CensusEngines.find("spark").run(job)}. See {@link SparkCensus}.
 *
 * <p>Thread-safety: stateless.
 */
public final class SparkCensusEngine implements CensusEngine {
    @Override
    public String name() {
        return CensusEngines.SPARK;
    }

    @Override
    public CensusResult run(CensusJob job) {
        return SparkCensus.run(job);
    }
}
