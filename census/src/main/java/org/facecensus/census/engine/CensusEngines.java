package org.facecensus.census.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.facecensus.FaceCensusException;
import org.facecensus.census.spi.CensusEngine;

/**
 * Finds a {@link CensusEngine} by name among those on the classpath.
 *
 * <p>Thread-safety: stateless.
 */
public final class CensusEngines {
    /** The built-in engine: this machine's threads ({@link org.facecensus.census.run.CensusRun}). */
    public static final String LOCAL = "local";
    /** Apache Spark, from the {@code facecensus-census-spark} module. */
    public static final String SPARK = "spark";

    private CensusEngines() {
    }

    /** The names of the engines on the classpath, besides {@value #LOCAL}. */
    public static List<String> available() {
        List<String> names = new ArrayList<>();
        for (CensusEngine e : ServiceLoader.load(CensusEngine.class)) {
            names.add(e.name());
        }
        return names;
    }

    /**
     * The engine called {@code name}.
     *
     * @throws FaceCensusException when none is on the classpath; the message says how to add it
     */
    public static CensusEngine find(String name) {
        for (CensusEngine e : ServiceLoader.load(CensusEngine.class)) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        String how = SPARK.equals(name)
                ? "The Spark engine lives in the census-spark module, which is not on the classpath. Build it once "
                + "(mvn -B -ntp -pl census-spark -am package -DskipTests) and run './facecensus analyze --engine spark "
                + "...' (the launcher adds census-spark/target/census-spark-deps/ when it sees --engine spark), or "
                + "submit with spark-submit as the README's \"Census on Apache Spark\" shows; as a library, add "
                + "org.facecensus:facecensus-census-spark to your dependencies."
                : "Engines on the classpath: " + LOCAL + (available().isEmpty() ? "" : ", " + String.join(", ",
                available())) + ".";
        throw new FaceCensusException("No census engine named '" + name + "'. " + how);
    }
}
