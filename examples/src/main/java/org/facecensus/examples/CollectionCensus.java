package org.facecensus.examples;

import java.nio.file.Path;

import org.facecensus.census.Census;
import org.facecensus.census.run.CensusResult;

/**
 * The README's census as a library call: what {@code facecensus analyze PHOTOS --metadata CSV --out DIR} does.
 *
 * <p>Thread-safety: stateless.
 */
public final class CollectionCensus {
    private CollectionCensus() {
    }

    public static CensusResult census(Path photos, Path catalogue, Path outDir) {
        Census census = Census.of(photos).out(outDir);
        if (catalogue != null) {
            census.catalogue(catalogue);
        }
        return census.run();
    }

    public static void main(String[] args) {
        CensusResult result = census(Path.of(args[0]), args.length > 2 ? Path.of(args[2]) : null, Path.of(args[1]));
        System.out.println(result.faces() + " faces in " + result.images() + " images; see " + result.outDir());
    }
}
