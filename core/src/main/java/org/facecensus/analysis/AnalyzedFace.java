package org.facecensus.analysis;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import org.facecensus.align.AlignedFace;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.Landmarks;

/**
 * One face found by a {@link FaceAnalyzer}: its box, its landmarks, its aligned crop, its perceived
 * gender and age, or why a later stage has nothing for it. Every missing value is an empty optional.
 *
 * <p>Thread-safety: immutable (the crop's pixels are not copied; do not change them).
 *
 * @param detected   the detector's face, with the detector's own keypoints
 * @param located    the box with the landmarks the later stages used: the landmark detector's when one
 *                   ran, else the detector's keypoints
 * @param aligned    the aligner's crop; empty when there is no aligner or alignment failed
 * @param gender     the classifier's verdict; empty when there is no classifier or it could not run
 * @param age        estimated age in years, from classifiers that estimate it
 * @param probabilityFace the face verifier's calibrated probability that this is a face (at least its
 *                   threshold, since rejected faces are not analyzed faces: see {@link RejectedFace}); empty
 *                   when no verifier ran or it could not judge this face
 * @param problems   why landmarks, alignment or classification failed for this face; empty when none did
 */
public record AnalyzedFace(DetectedFace detected, DetectedFace located, Optional<AlignedFace> aligned,
                           Optional<GenderPrediction> gender, OptionalDouble age, OptionalDouble probabilityFace,
                           List<String> problems) {
    public AnalyzedFace {
        Objects.requireNonNull(detected, "detected");
        Objects.requireNonNull(located, "located");
        Objects.requireNonNull(aligned, "aligned");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(age, "age");
        Objects.requireNonNull(probabilityFace, "probabilityFace");
        problems = List.copyOf(problems);
    }

    /** The box in image pixels, with the detector's score. */
    public FaceBox box() {
        return detected.box();
    }

    /** The landmarks the later stages used (see {@code located}). */
    public Optional<Landmarks> landmarks() {
        return located.landmarks();
    }

    /** The problems joined into one message, when there are any. */
    public Optional<String> error() {
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
}
