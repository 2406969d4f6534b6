package org.facecensus.classify.baseline;

import java.util.List;

import org.facecensus.classify.data.LabelledFace;

/** One Fisherfaces model per test JVM, trained on every 2nd UTKFace training face (shared by the test classes). */
public final class TrainedFisherfaces {
    /** Every {@value}-th face of UTKFace's train split. */
    public static final int TRAIN_STEP = 2;
    private static FisherfacesGenderClassifier model;
    private static List<LabelledFace> training;

    private TrainedFisherfaces() {
    }

    public static synchronized List<LabelledFace> training() {
        if (training == null) {
            training = UtkFaces.labelled("train", TRAIN_STEP);
        }
        return training;
    }

    public static synchronized FisherfacesGenderClassifier model() {
        if (model == null) {
            model = FisherfacesGenderClassifier.train(training(), FisherfacesSettings.DEFAULT,
                    "UTKFace train split, every " + TRAIN_STEP + "nd face", UtkFaces.LICENCE);
        }
        return model;
    }
}
