package org.facecensus.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;

import org.facecensus.FaceCensus;
import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.align.FaceAligner;
import org.facecensus.classify.FaceToClassify;
import org.facecensus.classify.Gender;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.classify.GenderVerdict;
import org.facecensus.verify.FaceCheck;
import org.facecensus.verify.FaceVerifier;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.Detections;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.FaceDetector;
import org.facecensus.image.ImageOps;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.spi.FaceAlignerProvider;
import org.facecensus.spi.FaceDetectorProvider;
import org.facecensus.spi.ProviderContext;
import org.facecensus.spi.ProviderOptions;
import org.facecensus.timing.StageTimings;
import org.junit.jupiter.api.Test;

/**
 * The analyzer's contract with scripted components: what each face gets when a stage fails, who
 * closes what, one classifier batch for many images, and options that no chosen provider reads.
 * The real networks end to end are checked in classifier-vggface's FaceAnalyzerEndToEndTest.
 */
class FaceAnalyzerTest {
    private static final ModelInfo MODEL = new ModelInfo("scripted", "1", "test", "0".repeat(64), "none");

    /** Two faces per image; the second one's box lies partly outside, which the aligner refuses. */
    static final class TwoFaces implements FaceDetector {
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public String name() {
            return "two-faces";
        }

        @Override
        public Detections detect(RgbImage image) {
            return new Detections(List.of(new DetectedFace(new FaceBox(2, 2, 10, 10, 0.9)),
                    new DetectedFace(new FaceBox(-5, 2, 10, 10, 0.8))), StageTimings.empty());
        }

        @Override
        public List<ModelInfo> models() {
            return List.of(MODEL);
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of();
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    static final class BoxAligner implements FaceAligner {
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public String name() {
            return "box";
        }

        @Override
        public AlignedFace align(RgbImage image, DetectedFace face) {
            FaceBox b = face.box();
            if (b.x() < 0) {
                throw new FaceCensusException("box leaves the image");
            }
            return new AlignedFace(ImageOps.crop(image, (int) b.x(), (int) b.y(), (int) b.width(), (int) b.height(), 0),
                    new double[] {1, 0, -b.x(), 0, 1, -b.y()}, face);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    /** Calls female with age 30 on every crop it gets; counts its batches. */
    static class Counting implements GenderClassifier {
        final AtomicInteger batches = new AtomicInteger();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public GenderPrediction classify(AlignedFace face) {
            return new GenderPrediction(Gender.FEMALE, 0.9, MODEL);
        }

        @Override
        public List<GenderVerdict> verdicts(List<AlignedFace> crops) {
            batches.incrementAndGet();
            return crops.stream().map(c -> GenderVerdict.of(classify(c), 30)).toList();
        }

        @Override
        public void close() {
        }
    }

    record Unused(int value) implements ProviderOptions {
    }

    private static RgbImage image() {
        return RgbImage.of(32, 24, new byte[32 * 24 * 3]);
    }

    private static FaceCensus census(TwoFaces detector, BoxAligner aligner) {
        return FaceCensus.builder().register(new FaceDetectorProvider() {
            @Override
            public String name() {
                return "two-faces";
            }

            @Override
            public String description() {
                return "scripted";
            }

            @Override
            public FaceDetector create(ProviderContext context) {
                return detector;
            }
        }).register(new FaceAlignerProvider() {
            @Override
            public String name() {
                return "box";
            }

            @Override
            public String description() {
                return "scripted";
            }

            @Override
            public FaceAligner create(ProviderContext context) {
                return aligner;
            }
        }).build();
    }

    @Test
    void aFaceThatCannotBeAlignedKeepsItsBoxAndSaysWhy() {
        TwoFaces detector = new TwoFaces();
        BoxAligner aligner = new BoxAligner();
        Counting classifier = new Counting();
        try (FaceAnalyzer analyzer = census(detector, aligner).analyzer().detector("two-faces").aligner("box")
                .classifier(classifier).build()) {
            FaceAnalysis result = analyzer.analyze(image());
            assertEquals(32, result.width());
            AnalyzedFace first = result.faces().get(0);
            AnalyzedFace second = result.faces().get(1);
            assertTrue(first.aligned().isPresent());
            assertEquals(Gender.FEMALE, first.gender().orElseThrow().gender());
            assertEquals(30, first.age().getAsDouble());
            assertTrue(first.probabilityFace().isEmpty(), "no verifier, no probability of a face");
            assertEquals(List.of(), first.problems());
            assertEquals(-5, second.box().x());
            assertTrue(second.aligned().isEmpty());
            assertTrue(second.gender().isEmpty());
            assertTrue(second.age().isEmpty());
            // One message: the alignment's, which says why the classifier had nothing to read.
            assertEquals(List.of("alignment failed: box leaves the image"), second.problems());
            assertEquals(Optional.of("two-faces"), Optional.of(analyzer.detectorName()));
            assertEquals(Optional.of("counting"), analyzer.classifierName());
        }
        // The analyzer closes what it created by name, never the instance it was given.
        assertEquals(1, detector.closed.get());
        assertEquals(1, aligner.closed.get());
    }

    /** Rejects crops narrower than 12 px; counts the faces it saw and whether it was closed. */
    static final class NarrowCropsAreNotFaces implements FaceVerifier {
        final AtomicInteger seen = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public String name() {
            return "narrow-crops";
        }

        @Override
        public List<ModelInfo> models() {
            return List.of(new ModelInfo("verifier", "1", "test", "1".repeat(64), "none"));
        }

        @Override
        public List<FaceCheck> check(List<FaceToClassify> faces) {
            seen.addAndGet(faces.size());
            return faces.stream().map(f -> f.aligned().isEmpty() ? FaceCheck.unjudged("no crop")
                    : FaceCheck.judged(f.aligned().get().crop().width() >= 12 ? 0.9 : 0.1, 0.5)).toList();
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    /** Two faces: one 10 px wide (rejected by {@link NarrowCropsAreNotFaces}), one 14 px wide. */
    private static List<DetectedFace> smallAndLarge() {
        return List.of(new DetectedFace(new FaceBox(1, 1, 10, 10, 0.9)), new DetectedFace(new FaceBox(14, 4, 14, 14, 0.7)));
    }

    @Test
    void aVerifierDropsWhatItRejectsBeforeClassificationAndListsItApart() {
        Counting classifier = new Counting();
        NarrowCropsAreNotFaces verifier = new NarrowCropsAreNotFaces();
        FaceAnalysis result;
        try (FaceAnalyzer analyzer = census(new TwoFaces(), new BoxAligner()).analyzer().detector("two-faces")
                .aligner("box").verifier("narrow", ctx -> verifier).classifier(classifier).build()) {
            assertEquals(Optional.of("narrow-crops"), analyzer.verifierName());
            assertTrue(analyzer.models().stream().anyMatch(m -> m.name().equals("verifier")));
            result = analyzer.analyzeFound(image(), smallAndLarge());
            // The third face has no crop: the verifier cannot judge it, so it stays, with the reason.
            FaceAnalysis withUnjudged = analyzer.analyzeFound(image(), List.of(smallAndLarge().get(1),
                    new DetectedFace(new FaceBox(-5, 2, 10, 10, 0.8))));
            assertEquals(2, withUnjudged.faces().size());
            assertEquals(List.of("alignment failed: box leaves the image", "not verified: no crop"),
                    withUnjudged.faces().get(1).problems());
            // A kept face keeps the verifier's probability; one it could not judge has none.
            assertEquals(OptionalDouble.of(0.9), withUnjudged.faces().get(0).probabilityFace());
            assertEquals(OptionalDouble.empty(), withUnjudged.faces().get(1).probabilityFace());
        }
        assertEquals(1, result.faces().size());
        assertEquals(14, result.faces().get(0).box().width());
        assertEquals(OptionalDouble.of(0.9), result.faces().get(0).probabilityFace());
        assertEquals(Gender.FEMALE, result.faces().get(0).gender().orElseThrow().gender());
        assertEquals(1, result.rejected().size());
        assertEquals(10, result.rejected().get(0).box().width());
        assertEquals(0.1, result.rejected().get(0).probabilityFace());
        assertEquals(4, verifier.seen.get());
        assertEquals(1, verifier.closed.get(), "a verifier made by a factory is closed with the analyzer");
    }

    @Test
    void facesFoundEarlierGetWhatDetectingThemGives() {
        try (FaceAnalyzer analyzer = census(new TwoFaces(), new BoxAligner()).analyzer().detector("two-faces")
                .aligner("box").classifier(new Counting()).build()) {
            RgbImage image = image();
            FaceAnalysis detected = analyzer.analyze(image);
            FaceAnalysis found = analyzer.analyzeFound(image, detected.faces().stream().map(AnalyzedFace::detected).toList());
            assertEquals(detected.faces().size(), found.faces().size());
            for (int i = 0; i < found.faces().size(); i++) {
                AnalyzedFace d = detected.faces().get(i);
                AnalyzedFace f = found.faces().get(i);
                assertEquals(d.detected(), f.detected());
                assertEquals(d.gender(), f.gender());
                assertEquals(d.problems(), f.problems());
                assertEquals(d.aligned().map(c -> c.crop().width()), f.aligned().map(c -> c.crop().width()));
            }
            assertEquals(List.of(), found.rejected());
            assertEquals(0, found.detection().total(), "no detector ran");
        }
    }

    @Test
    void withoutAnAlignerTheClassifierSaysWhatItNeeds() {
        try (FaceAnalyzer analyzer = census(new TwoFaces(), new BoxAligner()).analyzer().detector("two-faces")
                .noAligner().classifier(new Counting()).build()) {
            AnalyzedFace face = analyzer.analyze(image()).faces().get(0);
            assertTrue(face.gender().isEmpty());
            assertEquals(List.of(GenderClassifier.missingCrop("counting")), face.problems());
        }
    }

    @Test
    void manyImagesAreClassifiedInOneBatch() {
        Counting classifier = new Counting();
        try (FaceAnalyzer analyzer = census(new TwoFaces(), new BoxAligner()).analyzer().detector("two-faces")
                .aligner("box").classifier(classifier).build()) {
            List<FaceAnalysis> results = analyzer.analyze(List.of(image(), image(), image()));
            assertEquals(3, results.size());
            assertEquals(1, classifier.batches.get());
            for (FaceAnalysis r : results) {
                assertTrue(r.faces().get(0).gender().isPresent());
            }
        }
    }

    @Test
    void ownCropIsUsedWithoutAnAligner() {
        List<FaceToClassify> seen = new ArrayList<>();
        GenderClassifier ownCropper = new Counting() {
            @Override
            public Optional<AlignedFace> ownCrop(RgbImage image, DetectedFace face) {
                return Optional.of(AlignedFace.ofCrop(ImageOps.crop(image, 0, 0, 4, 4, 0)));
            }

            @Override
            public List<GenderVerdict> predict(List<FaceToClassify> faces) {
                seen.addAll(faces);
                return super.predict(faces);
            }
        };
        try (FaceAnalyzer analyzer = census(new TwoFaces(), new BoxAligner()).analyzer().detector("two-faces")
                .noAligner().classifier(ownCropper).build()) {
            FaceAnalysis r = analyzer.analyze(image());
            assertTrue(r.faces().stream().allMatch(f -> f.gender().isPresent()));
            assertEquals(2, seen.size());
            assertFalse(seen.get(0).aligned().isPresent());
        }
    }

    @Test
    void optionsThatNoChosenProviderReadsAreRefused() {
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> census(new TwoFaces(), new BoxAligner())
                .analyzer().detector("two-faces").aligner("box").options(new Unused(1)).build());
        assertTrue(e.getMessage().contains("Unused were given, but none of the chosen providers"), e.getMessage());
    }

    @Test
    void closeIsIdempotentAndAClosedAnalyzerSaysSo() {
        TwoFaces detector = new TwoFaces();
        FaceAnalyzer analyzer = census(detector, new BoxAligner()).analyzer().detector("two-faces").aligner("box").build();
        analyzer.close();
        analyzer.close();
        assertEquals(1, detector.closed.get());
        assertThrows(FaceCensusException.class, () -> analyzer.analyze(image()));
    }
}
