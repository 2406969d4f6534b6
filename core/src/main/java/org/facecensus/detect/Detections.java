package org.facecensus.detect;

import java.util.List;
import java.util.Objects;

import org.facecensus.timing.StageTimings;

/**
 * What a {@link FaceDetector} found in one image, ordered by descending score, with the time each
 * stage took.
 *
 * <p>Thread-safety: immutable.
 */
public record Detections(List<DetectedFace> faces, StageTimings timings) {
    public Detections {
        faces = List.copyOf(faces);
        Objects.requireNonNull(timings, "timings");
    }
}
