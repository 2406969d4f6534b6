package org.facecensus.analysis;

import java.util.Objects;

import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceBox;

/**
 * A detected face that the analyzer's {@link org.facecensus.verify.FaceVerifier} judged not to be a face.
 *
 * <p>Thread-safety: immutable.
 *
 * @param detected        the detector's face
 * @param probabilityFace the verifier's probability that it is a face (below its threshold)
 */
public record RejectedFace(DetectedFace detected, double probabilityFace) {
    public RejectedFace {
        Objects.requireNonNull(detected, "detected");
    }

    public FaceBox box() {
        return detected.box();
    }
}
