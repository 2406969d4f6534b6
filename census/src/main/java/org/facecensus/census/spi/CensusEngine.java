package org.facecensus.census.spi;

import org.facecensus.census.engine.CensusJob;
import org.facecensus.census.run.CensusResult;

/**
 * A way of running a census other than the built-in one on this machine: Apache Spark ({@code census-spark}, name
 * {@code spark}). Found with {@link java.util.ServiceLoader} by {@link org.facecensus.census.engine.CensusEngines}, so
 * the census library and the command line carry no engine's dependencies unless the engine's jar is on the
 * classpath. An engine analyses every item with {@link org.facecensus.census.run.ItemAnalyser} and writes the
 * outputs with {@link org.facecensus.census.run.CensusRun#finish}, so its files are those of the built-in census.
 *
 * <p>Thread-safety: implementations must be thread-safe and cheap to create (the loader creates one per lookup).
 */
public interface CensusEngine {
    /** The name {@code --engine} selects it by. */
    String name();

    /** Runs (or resumes) the census. */
    CensusResult run(CensusJob job);
}
