package example;

import java.nio.file.Path;

import org.facecensus.FaceCensus;
import org.facecensus.analysis.AnalyzedFace;
import org.facecensus.analysis.FaceAnalyzer;

/**
 * The README's "one image end to end", as a user's program.
 *
 * <p>Thread-safety: a program entry point, run on the main thread.
 */
public final class OneImage {
    private OneImage() {
    }

    public static void main(String[] args) {
        Path photo = Path.of(args[0]);
        // --- README snippet: one image end to end ---
        try (FaceAnalyzer analyzer = FaceAnalyzer.builder().detector("blazeface").landmarks("landmark68-net")
                .classifier("faceapi-agegender").build()) {
            for (AnalyzedFace face : analyzer.analyze(FaceCensus.loadImage(photo)).faces()) {
                System.out.println(face.box() + " " + face.gender().map(g -> g.gender()).orElse(null) + " " + face.age());
            }
        }
        // --- end of snippet ---
    }
}
