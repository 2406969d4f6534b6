package org.facecensus.classify.faceapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.facecensus.FaceCensus;
import org.facecensus.analysis.AnalyzedFace;
import org.facecensus.analysis.FaceAnalysis;
import org.facecensus.analysis.FaceAnalyzer;
import org.facecensus.classify.Gender;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.classify.spec.GenderClassifierSpec;
import org.facecensus.image.RgbImage;
import org.facecensus.spi.inference.ExecutionDevice;
import org.junit.jupiter.api.Test;

/**
 * {@link FaceAnalyzer} with the real networks (blazeface, landmark68-net, similarity-5pt, faceapi-agegender) on
 * two of dlib's labelled photos: what it reports per face is exactly what the classifier says on its own crop,
 * a batch of images gives what the images give one by one, and the two-model filter runs through the same SPI.
 */
class FaceAnalyzerEndToEndTest {
    private static RgbImage photo(String name) {
        return FaceCensus.loadImage(Path.of(System.getProperty("facecensus.shared", "../../shared"), "data",
                "dlib-faces", name));
    }

    private static FaceAnalyzer.Builder faceApiPipeline() {
        return FaceCensus.builder().device(ExecutionDevice.CPU).build().analyzer().detector("blazeface")
                .landmarks("landmark68-net");
    }

    @Test
    void eachFaceGetsWhatTheClassifierSaysOnItsOwnCropAndBatchesChangeNothing() {
        RgbImage group = photo("2008_001322.jpg");
        RgbImage other = photo("2008_002470.jpg");
        try (FaceAnalyzer analyzer = faceApiPipeline().classifier(FaceApiAgeGenderClassifier.NAME).build();
             FaceApiAgeGenderClassifier direct = new FaceApiAgeGenderClassifier(
                     FaceCensus.defaults().context().models(), ExecutionDevice.CPU)) {
            FaceAnalysis one = analyzer.analyze(group);
            assertEquals(3, one.faces().size(), "dlib's labels: three people");
            for (AnalyzedFace face : one.faces()) {
                assertEquals(List.of(), face.problems());
                assertEquals(68, face.landmarks().orElseThrow().points().size());
                assertEquals(224, face.aligned().orElseThrow().crop().width(), "similarity-5pt, the default aligner");
                FaceApiAgeGenderClassifier.AgeGender expected = direct.predictAll(
                        List.of(FaceApiAgeGenderClassifier.alignedFace(group, face.located()))).get(0);
                assertEquals(expected.gender(), face.gender().orElseThrow());
                assertEquals(expected.age(), face.age().orElseThrow(), 0.0);
            }
            List<FaceAnalysis> batch = analyzer.analyze(List.of(group, other));
            assertSameFaces(one, batch.get(0));
            assertSameFaces(analyzer.analyze(other), batch.get(1));
            // Provenance: the detection models, then the classifier's.
            List<String> names = analyzer.models().stream().map(m -> m.name()).toList();
            assertEquals(analyzer.detectionModels().size() + 1, names.size(), names.toString());
            assertEquals(FaceApiAgeGenderClassifier.NAME, names.get(names.size() - 1));
        }
    }

    /** Same boxes, labels, probabilities and ages; batching may only change the time. */
    private static void assertSameFaces(FaceAnalysis expected, FaceAnalysis actual) {
        assertEquals(expected.faces().size(), actual.faces().size());
        for (int i = 0; i < expected.faces().size(); i++) {
            AnalyzedFace a = expected.faces().get(i);
            AnalyzedFace b = actual.faces().get(i);
            assertEquals(a.box(), b.box());
            assertEquals(a.gender(), b.gender());
            assertEquals(a.age(), b.age());
        }
    }

    @Test
    void theTwoModelFilterKeepsOnlyLabelsBothMembersAreSureOf() {
        String spec = "faceapi-agegender,faceapi-agegender@0.99";
        try (FaceAnalyzer single = faceApiPipeline().classifier(FaceApiAgeGenderClassifier.NAME).build();
             FaceAnalyzer filter = faceApiPipeline().classifier(spec, GenderClassifierSpec.factory(spec)).build()) {
            RgbImage group = photo("2008_001322.jpg");
            List<AnalyzedFace> alone = single.analyze(group).faces();
            List<AnalyzedFace> both = filter.analyze(group).faces();
            assertEquals(spec, filter.classifierName().orElseThrow(), "outputs record the spec the user gave");
            for (int i = 0; i < alone.size(); i++) {
                GenderPrediction p = alone.get(i).gender().orElseThrow();
                GenderPrediction q = both.get(i).gender().orElseThrow();
                assertEquals(p.probability() >= 0.99 ? p.gender() : Gender.UNKNOWN, q.gender());
                assertEquals(p.probability(), q.probability(), 0.0);
                assertTrue(both.get(i).age().isEmpty(), "the filter gives no age");
            }
        }
    }
}
