package org.facecensus.classify.faceapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.facecensus.FaceCensus;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.FaceEmbedder;
import org.facecensus.classify.Gender;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.Landmarks;
import org.facecensus.detectors.faceapi.FaceApiLandmarkDetector;
import org.facecensus.detectors.faceapi.FaceApiReference;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.faceapi.FaceApiConverter;
import org.facecensus.modeltools.faceapi.FaceApiModels;
import org.facecensus.modeltools.tfjs.TfjsTensor;
import org.facecensus.modeltools.tfjs.TfjsWeights;
import org.facecensus.spi.inference.ExecutionDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * faceapi-agegender against face-api itself on the same 34 faces as the landmark test
 * ({@code faceapi/faceapi_ssd_reference.jsonl}): face-api's pipeline end to end from its SSD boxes
 * (our landmarks, our aligned box, our crop), age within 0.5 years and gender probability within
 * 0.01 on every face. Needs {@code facecensus models fetch} of the faceapi-* models.
 */
class FaceApiAgeGenderClassifierTest {
    private static FaceApiLandmarkDetector landmarks;
    private static FaceApiAgeGenderClassifier classifier;

    @BeforeAll
    static void open() {
        landmarks = new FaceApiLandmarkDetector(ModelStore.defaultStore(), ExecutionDevice.CPU);
        classifier = new FaceApiAgeGenderClassifier(ModelStore.defaultStore(), ExecutionDevice.CPU);
    }

    @AfterAll
    static void close() {
        landmarks.close();
        classifier.close();
    }

    @Test
    void ageAndGenderEqualFaceApis() {
        List<FaceApiReference.Face> faces = FaceApiReference.faces();
        List<AlignedFace> aligned = new ArrayList<>();
        double maxBoxDiff = 0;
        for (FaceApiReference.Face f : faces) {
            RgbImage img = FaceApiReference.image(f.source());
            Landmarks lm = landmarks.locate(img, f.box());
            DetectedFace face = new DetectedFace(f.box(), lm);
            FaceBox box = FaceApiAgeGenderClassifier.alignedBox(lm, 1);
            FaceBox want = f.alignedBox();
            maxBoxDiff = Math.max(maxBoxDiff, Math.max(Math.max(Math.abs(box.x() - want.x()),
                    Math.abs(box.y() - want.y())), Math.max(Math.abs(box.width() - want.width()),
                    Math.abs(box.height() - want.height()))));
            aligned.add(FaceApiAgeGenderClassifier.alignedFace(img, face));
        }
        long t0 = System.nanoTime();
        List<FaceApiAgeGenderClassifier.AgeGender> got = classifier.predictAll(aligned);
        double firstMs = (System.nanoTime() - t0) / 1e6;
        long t1 = System.nanoTime();
        classifier.predictAll(aligned);
        double warmMs = (System.nanoTime() - t1) / 1e6;
        double maxAge = 0;
        double maxProb = 0;
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            FaceApiReference.Face f = faces.get(i);
            FaceApiAgeGenderClassifier.AgeGender g = got.get(i);
            double dAge = Math.abs(g.age() - f.age());
            double dProb = Math.abs(g.gender().probability() - f.genderProbability());
            maxAge = Math.max(maxAge, dAge);
            maxProb = Math.max(maxProb, dProb);
            Gender want = "male".equals(f.gender()) ? Gender.MALE : Gender.FEMALE;
            if (dAge > 0.5 || dProb > 0.01 || g.gender().gender() != want) {
                bad.add(f.source() + " face " + i + ": age " + g.age() + " vs " + f.age() + ", "
                        + g.gender() + " vs " + f.gender() + " " + f.genderProbability());
            }
        }
        System.out.printf("faceapi-agegender vs face-api on %d faces: max |age diff| %.2e y, max |p diff| %.2e,"
                        + " aligned box max coordinate diff %.2e px; %.2f ms/face first call, %.2f ms/face warm"
                        + " (batched, CPU)%n", faces.size(), maxAge, maxProb, maxBoxDiff, firstMs / faces.size(),
                warmMs / faces.size());
        assertTrue(maxBoxDiff < 0.01, "aligned box differs from face-api's by " + maxBoxDiff + " px");
        assertTrue(bad.isEmpty(), "faces off face-api: " + bad);
    }

    @Test
    void comesThroughTheRegistryAndClassifiesOneFace() {
        FaceApiReference.Face f = FaceApiReference.faces().get(0);
        RgbImage img = FaceApiReference.image(f.source());
        AlignedFace face = FaceApiAgeGenderClassifier.alignedFace(img,
                new DetectedFace(f.box(), landmarks.locate(img, f.box())));
        try (GenderClassifier c = FaceCensus.genderClassifier(FaceApiAgeGenderClassifier.NAME)) {
            var p = c.classify(face);
            assertEquals(f.genderProbability(), p.probability(), 0.01);
            assertEquals("MIT", p.model().licence());
        }
    }

    /**
     * faceapi-agegender-features are exactly what the net's gender head reads: face-api's own
     * {@code fc/gender} weights (from the verified TF.js file) applied to them give the gender softmax
     * of {@link FaceApiAgeGenderClassifier#predictAll}, on the reference faces.
     */
    @Test
    void featuresAreTheInputOfTheGenderHead() {
        List<AlignedFace> aligned = new ArrayList<>();
        for (FaceApiReference.Face f : FaceApiReference.faces().subList(0, 8)) {
            RgbImage img = FaceApiReference.image(f.source());
            aligned.add(FaceApiAgeGenderClassifier.alignedFace(img, new DetectedFace(f.box(), landmarks.locate(img, f.box()))));
        }
        ModelStore store = ModelStore.defaultStore();
        java.nio.file.Path shard = store.require(FaceApiModels.AGE_GENDER.shard());
        TfjsWeights weights = TfjsWeights.read(store.require(FaceApiModels.AGE_GENDER.manifest()), name -> shard);
        TfjsTensor w = weights.get("fc/gender/weights", 2);
        TfjsTensor b = weights.get("fc/gender/bias", 1);
        assertEquals(FaceApiConverter.AGE_GENDER_FEATURES, w.dim(0));

        List<FaceApiAgeGenderClassifier.AgeGender> predicted = classifier.predictAll(aligned);
        try (FaceEmbedder embedder = FaceCensus.defaults().faceEmbedders().select(FaceApiAgeGenderFeatures.NAME)
                .create(org.facecensus.spi.ProviderContext.defaults())) {
            assertEquals(FaceApiConverter.AGE_GENDER_FEATURES, embedder.dimension());
            assertEquals(classifier.models(), embedder.models(), "same model file and sha256 as the classifier");
            List<float[]> features = embedder.embedAll(aligned);
            double maxDiff = 0;
            for (int i = 0; i < aligned.size(); i++) {
                float[] x = features.get(i);
                assertEquals(FaceApiConverter.AGE_GENDER_FEATURES, x.length);
                double[] logits = new double[2];
                for (int o = 0; o < 2; o++) {
                    logits[o] = b.data()[o];
                    for (int k = 0; k < x.length; k++) {
                        logits[o] += x[k] * w.data()[k * 2 + o];
                    }
                }
                double male = 1 / (1 + Math.exp(logits[1] - logits[0]));
                GenderPrediction g = predicted.get(i).gender();
                double wantMale = g.gender() == Gender.MALE ? g.probability() : 1 - g.probability();
                maxDiff = Math.max(maxDiff, Math.abs(male - wantMale));
            }
            assertTrue(maxDiff < 1e-4, "softmax of fc/gender on the features differs by " + maxDiff);
        }
    }
}
