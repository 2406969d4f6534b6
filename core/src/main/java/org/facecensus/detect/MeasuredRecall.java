package org.facecensus.detect;

import java.util.Objects;

/**
 * How often a detector finds a face, as measured on a labelled data set with its default settings:
 * what a report quotes to say how many faces a run is known to miss. Detectors that were not
 * measured have none ({@link org.facecensus.spi.FaceDetectorProvider#measuredRecall()} is empty).
 *
 * <p>Thread-safety: immutable.
 *
 * @param dataset                what it was measured on, in words
 * @param recall                 share of the marked faces found, 0-1
 * @param recallSmallFaces       the same for the smallest faces (eyes under 10 px apart), 0-1
 * @param falsePositivesPerImage detections matching no marked face, per image
 */
public record MeasuredRecall(String dataset, double recall, double recallSmallFaces, double falsePositivesPerImage) {
    /**
     * The README's benchmark ("How blazeface works, and how well"): a hit has both hand-marked eyes
     * inside the box. Re-measure with tools/eval-eyes.js after changing a detector.
     */
    public static final String WEBFACES = "Caltech webfaces: 400 photos, 982 faces with hand-marked eyes";

    public MeasuredRecall {
        Objects.requireNonNull(dataset, "dataset");
        if (!(recall >= 0 && recall <= 1) || !(recallSmallFaces >= 0 && recallSmallFaces <= 1)) {
            throw new IllegalArgumentException("recall must be a share in [0, 1], got " + recall + " and "
                    + recallSmallFaces);
        }
        if (!(falsePositivesPerImage >= 0)) {
            throw new IllegalArgumentException("false positives per image must be >= 0, got " + falsePositivesPerImage);
        }
    }

    /** Figures measured on {@link #WEBFACES}. */
    public static MeasuredRecall onWebfaces(double recall, double recallSmallFaces, double falsePositivesPerImage) {
        return new MeasuredRecall(WEBFACES, recall, recallSmallFaces, falsePositivesPerImage);
    }
}
