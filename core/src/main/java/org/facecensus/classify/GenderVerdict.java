package org.facecensus.classify;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A classifier's answer for one face: its gender prediction and, from classifiers that estimate it in
 * the same pass, the age; or why there is none. A missing value is always an empty optional, never
 * null, NaN or an empty string.
 *
 * <p>Thread-safety: immutable.
 *
 * @param prediction the verdict, empty when the classifier could not run on this face
 * @param age        estimated age in years, when the classifier estimates it
 * @param problem    why there is no prediction (the face lacks the crop or landmarks the classifier needs)
 */
public record GenderVerdict(Optional<GenderPrediction> prediction, OptionalDouble age, Optional<String> problem) {
    public GenderVerdict {
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(age, "age");
        Objects.requireNonNull(problem, "problem");
        if (prediction.isPresent() == problem.isPresent()) {
            throw new IllegalArgumentException("a verdict has either a prediction or a problem");
        }
    }

    public static GenderVerdict of(GenderPrediction prediction) {
        return new GenderVerdict(Optional.of(prediction), OptionalDouble.empty(), Optional.empty());
    }

    public static GenderVerdict of(GenderPrediction prediction, double age) {
        return new GenderVerdict(Optional.of(prediction), OptionalDouble.of(age), Optional.empty());
    }

    public static GenderVerdict failed(String problem) {
        return new GenderVerdict(Optional.empty(), OptionalDouble.empty(), Optional.of(problem));
    }
}
