package example;

import java.nio.file.Path;

import org.facecensus.census.Census;
import org.facecensus.census.run.CensusResult;

/**
 * The README's census, as a user's program: {@code PosterCensus POSTERS CATALOGUE OUT}.
 *
 * <p>Thread-safety: a program entry point, run on the main thread.
 */
public final class PosterCensus {
    private PosterCensus() {
    }

    public static void main(String[] args) {
        Path posters = Path.of(args[0]);
        Path catalogue = Path.of(args[1]);
        Path outDir = Path.of(args[2]);
        // --- README snippet: a census ---
        CensusResult result = Census.of(posters).catalogue(catalogue).out(outDir).threads(2).run();
        System.out.println(result.faces() + " faces in " + result.images() + " images: " + outDir.resolve("report.html"));
        // --- end of snippet ---
    }
}
