package org.facecensus.census.spark;

import java.nio.file.Path;

import org.facecensus.census.engine.CensusEngines;

/** A Spark census in a JVM of its own, for {@link SparkCensusTest} to kill: COLLECTION CATALOGUE OUT. */
public final class SparkCensusChild {
    private SparkCensusChild() {
    }

    public static void main(String[] args) {
        CensusEngines.find("spark").run(SparkCensusTest.job(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]),
                "local[2]", 2));
    }
}
