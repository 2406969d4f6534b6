package org.facecensus.census.run;

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
        CensusSettings settings = new CensusSettings(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]),
                new PipelineSettings(args[3], null, null, null), null, 10, 2);
        new CensusRun(settings, CensusRunChild::summarise, null, null).run();
    }

    static void summarise(Path outDir, java.util.List<ItemRecord> items, org.facecensus.census.RunInfo run) {
        Map<Composition, Integer> counts = new EnumMap<>(Composition.class);
        items.stream().filter(i -> !i.failed()).forEach(i -> counts.merge(i.composition(), 1, Integer::sum));
        OutputFiles.writeAtomically(outDir.resolve("summary.json"), OutputFiles.prettyJson(counts));
    }
}
