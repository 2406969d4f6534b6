package org.facecensus.classify.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.facecensus.FaceCensus;
import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.Gender;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.classify.FaceToClassify;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.classify.GenderVerdict;
import org.facecensus.classify.baseline.FisherfacesGenderClassifier;
import org.facecensus.classify.baseline.TrainedFisherfaces;
import org.facecensus.classify.baseline.UtkFaces;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.LandmarkDetector;
import org.facecensus.classify.faceapi.FaceApiAgeGenderClassifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two-model filter with real members (face-api's net and Fisherfaces) on real UTKFace test faces. */
class EnsembleGenderClassifierTest {
    private static final double THRESHOLD = 0.8;
    /** Every 12th UTKFace test face: 73 faces. */
    private static List<UtkFaces.Face> faces;

    @BeforeAll
    static void load() {
        faces = UtkFaces.load("test", 12);
    }

    /** A copy of the shared model: the ensemble closes its members. */
    private static FisherfacesGenderClassifier fisherfaces(Path dir) {
        Path file = dir.resolve("fisherfaces.yml");
        TrainedFisherfaces.model().save(file);
        return FisherfacesGenderClassifier.load(file);
    }

    @Test
    void keepsALabelOnlyWhenBothAgreeConfidently(@TempDir Path dir) {
        GenderClassifier faceApi = FaceCensus.genderClassifier(FaceApiAgeGenderClassifier.NAME);
        FisherfacesGenderClassifier fisher = fisherfaces(dir);
        try (EnsembleGenderClassifier ensemble = new EnsembleGenderClassifier(faceApi, fisher, THRESHOLD)) {
            List<AlignedFace> crops = faces.stream().map(UtkFaces.Face::aligned).toList();
            List<GenderPrediction> a = faceApi.classifyAll(crops);
            List<GenderPrediction> b = fisher.classifyAll(crops);
            List<GenderPrediction> both = ensemble.classifyAll(crops);
            int kept = 0;
            int disagreed = 0;
            int agreedBelowThreshold = 0;
            for (int i = 0; i < crops.size(); i++) {
                GenderPrediction p = a.get(i);
                GenderPrediction q = b.get(i);
                GenderPrediction e = both.get(i);
                assertEquals(Math.min(p.probability(), q.probability()), e.probability(), 0.0);
                assertEquals(e, ensemble.classify(crops.get(i)));
                if (p.gender() != q.gender()) {
                    disagreed++;
                    assertEquals(Gender.UNKNOWN, e.gender(), faces.get(i).file());
                } else if (p.probability() < THRESHOLD || q.probability() < THRESHOLD) {
                    agreedBelowThreshold++;
                    assertEquals(Gender.UNKNOWN, e.gender(), faces.get(i).file());
                } else {
                    kept++;
                    assertEquals(p.gender(), e.gender(), faces.get(i).file());
                }
            }
            // The sample exercises every branch of the rule.
            assertTrue(kept > 0 && disagreed > 0 && agreedBelowThreshold > 0,
                    "kept " + kept + ", disagreed " + disagreed + ", agreed below threshold " + agreedBelowThreshold);

            EnsembleEvaluation eval = EnsembleEvaluation.of(faceApi.name(), fisher.name(), THRESHOLD,
                    UtkFaces.labelled(faces), a, b);
            assertEquals(kept, eval.bothAgree().kept());
            assertEquals(faces.size(), eval.faces());
            assertTrue(eval.bothAgree().kept() <= Math.min(eval.firstAlone().kept(), eval.secondAlone().kept()));
            long rightAndKept = 0;
            for (int i = 0; i < crops.size(); i++) {
                rightAndKept += both.get(i).gender() == faces.get(i).gender() ? 1 : 0;
            }
            assertEquals(rightAndKept, eval.bothAgree().correct());

            assertEquals(List.of(FaceApiAgeGenderClassifier.NAME + "+" + FisherfacesGenderClassifier.NAME),
                    List.of(ensemble.name()));
            assertEquals(2, ensemble.models().size());
            assertEquals("faceapi-agegender", ensemble.models().get(0).name());
            assertEquals(fisher.models().get(0), ensemble.models().get(1));
        }
    }

    @Test
    void givesEachMemberItsOwnCrop(@TempDir Path dir) {
        GenderClassifier faceApi = FaceCensus.genderClassifier(FaceApiAgeGenderClassifier.NAME);
        FisherfacesGenderClassifier fisher = fisherfaces(dir);
        try (EnsembleGenderClassifier ensemble = new EnsembleGenderClassifier(faceApi, fisher, 0.6);
                LandmarkDetector landmarks = FaceCensus.landmarkDetector("landmark68-net")) {
            for (UtkFaces.Face f : faces.subList(0, 6)) {
                DetectedFace whole = f.wholeChip();
                DetectedFace located = new DetectedFace(whole.box(), landmarks.locate(f.image(), whole.box()));
                AlignedFace own = faceApi.ownCrop(f.image(), located).orElseThrow();
                GenderPrediction expected = ensemble.combine(faceApi.classify(own), fisher.classify(f.aligned()));
                assertEquals(expected, ensemble.classify(f.image(), located, f.aligned()), f.file());
                // The SPI path a FaceAnalyzer takes gives the same verdict.
                assertEquals(GenderVerdict.of(expected), ensemble.predict(List.of(
                        new FaceToClassify(f.image(), located, Optional.of(f.aligned())))).get(0), f.file());
                assertEquals(own.crop().width(), EnsembleGenderClassifier.cropFor(faceApi, f.image(), located,
                        f.aligned()).crop().width());
                assertEquals(f.aligned().crop(), EnsembleGenderClassifier.cropFor(fisher, f.image(), located,
                        f.aligned()).crop());
            }
            // face-api's crop needs landmarks: the error says which detector to run.
            UtkFaces.Face f = faces.get(0);
            FaceCensusException e = assertThrows(FaceCensusException.class,
                    () -> ensemble.classify(f.image(), f.wholeChip(), f.aligned()));
            assertTrue(e.getMessage().contains("landmark68-net"), e.getMessage());
            GenderVerdict withoutLandmarks = ensemble.predict(List.of(
                    new FaceToClassify(f.image(), f.wholeChip(), Optional.of(f.aligned())))).get(0);
            assertTrue(withoutLandmarks.prediction().isEmpty());
            assertTrue(withoutLandmarks.problem().orElseThrow().contains("landmark68-net"), withoutLandmarks.toString());
        }
    }

    @Test
    void thresholdMustBeAProbabilityAtLeastOneHalf(@TempDir Path dir) {
        try (FisherfacesGenderClassifier fisher = fisherfaces(dir)) {
            FaceCensusException e = assertThrows(FaceCensusException.class,
                    () -> new EnsembleGenderClassifier(fisher, fisher, 0.4));
            assertTrue(e.getMessage().contains("[0.5, 1]"), e.getMessage());
            assertThrows(FaceCensusException.class, () -> new EnsembleGenderClassifier(fisher, fisher, 1.2));
        }
    }
}
