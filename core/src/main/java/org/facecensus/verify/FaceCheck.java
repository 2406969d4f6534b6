package org.facecensus.verify;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A {@link FaceVerifier}'s answer for one face.
 *
 * <p>Thread-safety: immutable.
 *
 * @param isFace          whether the face is kept
 * @param probabilityFace the verifier's calibrated probability that it is a face; empty when it could not judge
 * @param problem         why it could not judge (the face is then kept)
 */
public record FaceCheck(boolean isFace, OptionalDouble probabilityFace, Optional<String> problem) {
    public FaceCheck {
        Objects.requireNonNull(probabilityFace, "probabilityFace");
        Objects.requireNonNull(problem, "problem");
        if (probabilityFace.isPresent() == problem.isPresent()) {
            throw new IllegalArgumentException("a check has either a probability or a problem");
        }
        if (problem.isPresent() && !isFace) {
            throw new IllegalArgumentException("a face the verifier could not judge is kept");
        }
    }

    /** A judged face: kept when {@code probabilityFace} is at least {@code threshold}. */
    public static FaceCheck judged(double probabilityFace, double threshold) {
        return new FaceCheck(probabilityFace >= threshold, OptionalDouble.of(probabilityFace), Optional.empty());
    }

    /** A face the verifier could not judge; it is kept. */
    public static FaceCheck unjudged(String problem) {
        return new FaceCheck(true, OptionalDouble.empty(), Optional.of(problem));
    }
}
