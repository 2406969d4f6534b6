package org.facecensus.classify.baseline;

import java.util.List;

/** Scratch: time one training. */
public final class FisherfacesTiming {
    public static void main(String[] args) {
        long t0 = System.nanoTime();
        List<UtkFaces.Face> train = UtkFaces.load("train", 1);
        System.out.printf("load %d: %.1fs%n", train.size(), (System.nanoTime() - t0) / 1e9);
        FisherfacesSettings s = FisherfacesSettings.DEFAULT.withSize(Integer.parseInt(args[0]));
        try (FisherfacesGenderClassifier c = FisherfacesGenderClassifier.train(UtkFaces.labelled(train), s, "UTKFace train", UtkFaces.LICENCE)) {
            System.out.println(c.provenance().path("training").toPrettyString());
        }
    }
}
