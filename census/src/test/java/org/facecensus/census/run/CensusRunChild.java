package org.facecensus.census.run;

import org.facecensus.FaceCensus;
import org.facecensus.census.Census;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.facecensus.census.Composition;
import org.facecensus.census.ItemRecord;

/**
 * A census run in its own JVM, for the kill-and-resume test: {@code COLLECTION METADATA OUT DETECTOR}.
 * Its summary is a stand-in for the statistics (counts per composition) so the test does not depend
 * on the statistics module.
 */
public final class CensusRunChild {
    private CensusRunChild() {
    }

    public static void main(String[] args) {
        Census.of(Path.of(args[0])).catalogue(Path.of(args[1])).out(Path.of(args[2])).threads(2)
                .analyzer(Census.defaultAnalyzer(FaceCensus.defaults()).detector(args[3]))
                .summariser(CensusRunChild::summarise).run();
    }

    static void summarise(Path outDir, java.util.List<ItemRecord> items, org.facecensus.census.RunInfo run) {
        Map<Composition, Integer> counts = new EnumMap<>(Composition.class);
        items.stream().filter(i -> !i.failed()).forEach(i -> counts.merge(i.composition(), 1, Integer::sum));
        OutputFiles.writeAtomically(outDir.resolve("summary.json"), OutputFiles.prettyJson(counts));
    }
}
