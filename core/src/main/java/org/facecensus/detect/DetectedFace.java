package org.facecensus.detect;

import java.util.Objects;
import java.util.Optional;

/**
 * One face found by a {@link FaceDetector}: its box and, when the detector gives them, landmarks.
 *
 * <p>Thread-safety: immutable.
 */
public record DetectedFace(FaceBox box, Optional<Landmarks> landmarks) {
    public DetectedFace {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(landmarks, "landmarks");
    }

    public DetectedFace(FaceBox box) {
        this(box, Optional.empty());
    }

    public DetectedFace(FaceBox box, Landmarks landmarks) {
        this(box, Optional.of(landmarks));
    }
}
