package org.facecensus.examples;

import java.nio.file.Path;
import java.util.List;

import org.facecensus.FaceCensus;
import org.facecensus.analysis.AnalyzedFace;
import org.facecensus.analysis.FaceAnalyzer;

/**
 * One image end to end, as the README shows it: detect with {@code blazeface}, locate 68 landmarks with
 * {@code landmark68-net}, align, and classify perceived gender and age with {@code faceapi-agegender}.
 *
 * <p>Thread-safety: stateless.
 */
public final class AnalyzeOneImage {
    private AnalyzeOneImage() {
    }

    public static List<AnalyzedFace> analyze(Path photo) {
        try (FaceAnalyzer analyzer = FaceAnalyzer.builder().detector("blazeface").landmarks("landmark68-net")
                .classifier("faceapi-agegender").build()) {
            return analyzer.analyze(FaceCensus.loadImage(photo)).faces();
        }
    }

    public static void main(String[] args) {
        for (AnalyzedFace face : analyze(Path.of(args[0]))) {
            System.out.println(face.box() + " " + face.gender().map(g -> g.gender() + " " + g.probability()).orElse("?")
                    + " age " + face.age());
        }
    }
}
