package org.facecensus.classify.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.Gender;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.classify.transfer.backbone.Backbone;
import org.facecensus.classify.transfer.backbone.BackboneConfig;
import org.facecensus.classify.transfer.data.EmbeddingCache;
import org.facecensus.classify.transfer.data.FeatureTable;
import org.facecensus.classify.eval.GenderEvaluation;
import org.facecensus.classify.transfer.head.Calibration;
import org.facecensus.classify.transfer.head.GenderHead;
import org.facecensus.classify.transfer.head.TrainingOptions;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.spi.ProviderContext;
import org.facecensus.classify.FaceToClassify;
import org.facecensus.classify.transfer.head.FaceVerifierHead;
import org.facecensus.verify.FaceCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heads trained on real UTKFace crops (every 5th training face, every 3rd test face) with the
 * resnet-descriptor backbone.
 */
class TransferHeadTest {
    @TempDir
    static Path tmp;
    static Backbone backbone;
    static FeatureTable train;
    static FeatureTable test;

    @BeforeAll
    static void embed() {
        backbone = Backbone.open(BackboneConfig.provider("resnet-descriptor"), ProviderContext.defaults());
        EmbeddingCache cache = EmbeddingCache.open(tmp.resolve("cache"), backbone.featureKey());
        train = FeatureTable.embed(UtkFaceSubset.every("train", 5), backbone, cache, n -> { });
        test = FeatureTable.embed(UtkFaceSubset.every("test", 3), backbone, cache, n -> { });
    }

    @AfterAll
    static void close() {
        if (backbone != null) {
            backbone.close();
        }
    }

    static GenderHead train(TrainingOptions options, String calibration) {
        return GenderHeadTraining.train(train, backbone, options, calibration, GenderHead.DEFAULT_ABSTAIN_MARGIN, "utkface subset", 0);
    }

    @Test
    void trainedMlpBeatsTheMeasuredFloorOnHeldOutTestFaces() {
        GenderHead head = train(TrainingOptions.defaults(), "platt");
        List<GenderEvaluation.Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            double p = head.probabilityFemale(test.features().get(i));
            verdicts.add(new GenderEvaluation.Verdict(test.faces().get(i), head.decide(p), p));
        }
        ObjectNode e = GenderEvaluation.evaluate("mlp", verdicts, List.of("age", "race"));
        System.out.printf("MLP on %d resnet-descriptor training faces: accuracy %.4f on %d decided of %d test faces,"
                        + " ROC-AUC %.4f%n", train.size(), e.get("accuracy").get("estimate").asDouble(),
                e.get("accuracy").get("trials").asInt(), test.size(), e.get("roc_auc").asDouble());
        // Measured: 600 training faces give 0.949 accuracy on the 272 decided faces of this 291-face test subset
        // (0.92 with the study's L2 of 1e-4); the floor leaves room for platform rounding only.
        assertTrue(e.get("accuracy").get("estimate").asDouble() >= 0.90, e.toString());
        assertTrue(e.get("roc_auc").asDouble() >= 0.95, e.toString());
        assertTrue(e.get("coverage").get("estimate").asDouble() >= 0.85, e.toString());
        assertEquals(test.size(), e.get("confusion").get("female").get("female").asInt()
                + e.get("confusion").get("female").get("male").asInt() + e.get("confusion").get("female").get("unknown").asInt()
                + e.get("confusion").get("male").get("female").asInt() + e.get("confusion").get("male").get("male").asInt()
                + e.get("confusion").get("male").get("unknown").asInt());
        assertTrue(e.get("groups").get("age").get("values").has("20-39"), e.get("groups").toString());
    }

    @Test
    void aSavedHeadReloadsToBitIdenticalPredictions() throws Exception {
        for (String calibration : List.of("platt", "isotonic")) {
            GenderHead head = train(TrainingOptions.defaults().withKind(TrainingOptions.Kind.LOGISTIC), calibration);
            Path file = tmp.resolve("head-" + calibration + ".json");
            head.save(file);
            GenderHead again = GenderHead.load(file);
            assertEquals(head.provenance().toString(), again.provenance().toString());
            for (float[] f : test.features()) {
                assertEquals(Double.doubleToLongBits(head.probabilityFemale(f)), Double.doubleToLongBits(again.probabilityFemale(f)));
            }
        }
        GenderHead mlp = train(TrainingOptions.defaults(), "platt");
        Path file = tmp.resolve("head-mlp.json");
        mlp.save(file);
        try (TransferGenderClassifier c = TransferGenderClassifier.open(file)) {
            List<AlignedFace> faces = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                RgbImage img = ImageLoader.defaults().load(test.faces().get(i).file());
                faces.add(AlignedFace.ofCrop(img));
            }
            List<GenderPrediction> batched = c.classifyAll(faces);
            for (int i = 0; i < faces.size(); i++) {
                double p = mlp.probabilityFemale(test.features().get(i));
                Gender expected = mlp.decide(p);
                assertEquals(expected, batched.get(i).gender());
                assertEquals(expected == Gender.MALE || (expected == Gender.UNKNOWN && p < 0.5) ? 1 - p : p,
                        batched.get(i).probability(), 1e-5);
                assertEquals(batched.get(i).gender(), c.classify(faces.get(i)).gender());
            }
            ModelInfo headInfo = c.models().get(c.models().size() - 1);
            assertEquals(org.facecensus.model.ModelStore.sha256(file), headInfo.sha256());
            assertEquals(headInfo, batched.get(0).model());
        }
    }

    /**
     * The verifier file's mechanics on a stand-in binary task (female = 1): it reloads bit-identically, and
     * {@link TransferFaceVerifier} gives each crop the head's probability on the backbone's features. Its
     * accuracy on real false faces is checked in the CLI's VerifierCommandTest, on People-Art labels.
     */
    @Test
    void aVerifierFileReloadsBitIdenticallyAndJudgesCropsByItsHead() throws Exception {
        List<Boolean> positive = train.faces().stream().map(f -> f.gender() == Gender.FEMALE).toList();
        FaceVerifierTraining.Examples examples = new FaceVerifierTraining.Examples(train.features(), positive,
                train.hashes());
        FaceVerifierHead head = FaceVerifierTraining.train(examples, backbone,
                TrainingOptions.defaults().withKind(TrainingOptions.Kind.LOGISTIC), "platt", 0.5, "utkface subset", 3);
        assertEquals(3, head.provenance().get("cross_validation").get("folds").asInt());
        assertEquals(FaceVerifierTraining.REPORTED_THRESHOLDS.length,
                head.provenance().get("cross_validation").get("thresholds").size());
        Path file = tmp.resolve("verifier.json");
        head.save(file);
        FaceVerifierHead again = FaceVerifierHead.load(file);
        for (float[] f : test.features()) {
            assertEquals(Double.doubleToLongBits(head.probabilityFace(f)), Double.doubleToLongBits(again.probabilityFace(f)));
        }
        assertThrows(org.facecensus.FaceCensusException.class, () -> GenderHead.load(file),
                "a verifier is not a gender head");
        try (TransferFaceVerifier verifier = TransferFaceVerifier.open(file, ProviderContext.defaults(), 0.3)) {
            List<FaceToClassify> faces = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                faces.add(FaceToClassify.ofAligned(AlignedFace.ofCrop(ImageLoader.defaults().load(test.faces().get(i).file()))));
            }
            List<FaceCheck> checks = verifier.check(faces);
            for (int i = 0; i < faces.size(); i++) {
                double p = head.probabilityFace(test.features().get(i));
                assertEquals(p, checks.get(i).probabilityFace().getAsDouble(), 1e-5);
                assertEquals(p >= 0.3, checks.get(i).isFace(), "the threshold given at open wins");
            }
        }
    }

    @Test
    void rowWeightsOfOneChangeNothingAndOtherWeightsChangeTheHead() {
        double[] ones = new double[train.size()];
        java.util.Arrays.fill(ones, 1);
        TrainingOptions options = TrainingOptions.defaults().withKind(TrainingOptions.Kind.LOGISTIC);
        GenderHead plain = train(options, "platt");
        GenderHead weighted = GenderHeadTraining.train(train, ones, "all 1", backbone, options, "platt",
                GenderHead.DEFAULT_ABSTAIN_MARGIN, "utkface subset", 0);
        double[] heavyWomen = ones.clone();
        for (int i = 0; i < heavyWomen.length; i++) {
            heavyWomen[i] = train.faces().get(i).gender() == Gender.FEMALE && i % 2 == 0 ? 5 : 1;
        }
        GenderHead other = GenderHeadTraining.train(train, heavyWomen, "every other woman 5", backbone, options, "platt",
                GenderHead.DEFAULT_ABSTAIN_MARGIN, "utkface subset", 0);
        boolean differs = false;
        for (float[] f : test.features()) {
            assertEquals(Double.doubleToLongBits(plain.rawProbabilityFemale(f)), Double.doubleToLongBits(weighted.rawProbabilityFemale(f)));
            differs |= Math.abs(plain.rawProbabilityFemale(f) - other.rawProbabilityFemale(f)) > 1e-6;
        }
        assertTrue(differs);
        assertEquals("every other woman 5", other.provenance().get("hyperparameters").get("row_weights").asText());
    }

    @Test
    void theSameSeedGivesTheSameHeadAndAnotherSeedAnother() {
        TrainingOptions o = TrainingOptions.defaults().withEpochs(5);
        GenderHead a = train(o, "none");
        GenderHead b = train(o, "none");
        GenderHead c = train(o.withSeed(7), "none");
        float[] f = test.features().get(0);
        assertEquals(Double.doubleToLongBits(a.probabilityFemale(f)), Double.doubleToLongBits(b.probabilityFemale(f)));
        assertTrue(a.probabilityFemale(f) != c.probabilityFemale(f));
    }

    @Test
    void calibrationsAreMonotoneAndPreserveTheRanking() {
        GenderHead raw = train(TrainingOptions.defaults().withKind(TrainingOptions.Kind.LOGISTIC), "none");
        double[] scores = new double[train.size()];
        int[] labels = new int[train.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = raw.probabilityFemale(train.features().get(i));
            labels[i] = train.faces().get(i).gender() == Gender.FEMALE ? 1 : 0;
        }
        for (String method : List.of("platt", "isotonic")) {
            Calibration cal = Calibration.fit(method, scores, labels);
            double previous = -1;
            for (int k = 0; k <= 1000; k++) {
                double v = cal.apply(k / 1000.0);
                assertTrue(v >= previous && v >= 0 && v <= 1, method + " at " + k / 1000.0 + ": " + v + " < " + previous);
                previous = v;
            }
            assertTrue(cal.apply(0.02) < 0.5 && cal.apply(0.98) > 0.5, method);
        }
    }

    @Test
    void aHeadIsRefusedOnOtherBackboneWeights() throws Exception {
        GenderHead head = train(TrainingOptions.defaults().withKind(TrainingOptions.Kind.LOGISTIC), "platt");
        ModelInfo real = backbone.models().get(0);
        GenderHead forged = new GenderHead(head.backbone(), List.of(new ModelInfo(real.name(), real.version(), real.source(),
                "0".repeat(64), real.licence())), head.network(), new org.facecensus.classify.transfer.head.Standardizer(
                new double[head.featureDimension()], filled(head.featureDimension())), head.calibration(), 0.1, head.provenance());
        Path file = tmp.resolve("forged.json");
        forged.save(file);
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> TransferGenderClassifier.open(file));
        assertTrue(e.getMessage().contains("0".repeat(64)) && e.getMessage().contains(real.sha256()), e.getMessage());
    }

    @Test
    void abstainBandGivesUnknownNearOneHalf() {
        GenderHead head = train(TrainingOptions.defaults().withKind(TrainingOptions.Kind.LOGISTIC), "platt");
        assertEquals(Gender.UNKNOWN, head.decide(0.55));
        assertEquals(Gender.UNKNOWN, head.decide(0.41));
        assertEquals(Gender.FEMALE, head.decide(0.6));
        assertEquals(Gender.MALE, head.decide(0.4));
        assertEquals(Gender.FEMALE, head.withAbstainMargin(0).decide(0.5));
        assertArrayEquals(new int[] {128, 1}, head.network().sizes());
    }

    private static double[] filled(int n) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, 1);
        return d;
    }
}
