package org.facecensus.examples;

import java.nio.file.Path;

import org.facecensus.census.run.CensusResult;
import org.facecensus.census.run.CensusRun;
import org.facecensus.census.run.CensusSettings;
import org.facecensus.census.run.PipelineSettings;
import org.facecensus.census.run.RunListener;
import org.facecensus.census.run.StatisticsSummariser;
import org.facecensus.census.stats.StatsOptions;

/** The README's census as a library call: what {@code facecensus analyze PHOTOS --metadata CSV --out DIR} does. */
public final class CollectionCensus {
    private CollectionCensus() {
    }

    public static CensusResult census(Path photos, Path catalogue, Path outDir) {
        CensusSettings settings = new CensusSettings(photos, catalogue, outDir, PipelineSettings.defaults(),
                null, 10, Runtime.getRuntime().availableProcessors());
        return new CensusRun(settings, new StatisticsSummariser(StatsOptions.defaults()), RunListener.NONE, null).run();
    }

    public static void main(String[] args) {
        CensusResult result = census(Path.of(args[0]), args.length > 2 ? Path.of(args[2]) : null, Path.of(args[1]));
        System.out.println(result.faces() + " faces in " + result.images() + " images; see " + result.outDir());
    }
}
