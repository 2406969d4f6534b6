package org.facecensus.analysis;

import java.util.List;
import java.util.Objects;

import org.facecensus.timing.StageTimings;

/**
 * One image analysed by a {@link FaceAnalyzer}: its faces in detector order, the faces its verifier rejected,
 * and what each stage took.
 *
 * <p>Thread-safety: immutable.
 *
 * @param width          the image's width in pixels
 * @param height         the image's height in pixels
 * @param faces          in detector order
 * @param detection      the detector's own stage timings (resize, inference, ...), in milliseconds
 * @param landmarkMillis time in the landmark detector, all faces together
 * @param alignMillis    time in the aligner and in cutting the classifier's input crops
 * @param classifyMillis time in the gender classifier (its share of a batch over several images)
 * @param rejected       faces the analyzer's verifier judged not to be faces, in detector order; they are not
 *                       in {@code faces} and were not classified (always empty without a verifier)
 */
public record FaceAnalysis(int width, int height, List<AnalyzedFace> faces, StageTimings detection,
                           double landmarkMillis, double alignMillis, double classifyMillis,
                           List<RejectedFace> rejected) {
    public FaceAnalysis {
        faces = List.copyOf(faces);
        Objects.requireNonNull(detection, "detection");
        rejected = List.copyOf(rejected);
    }
}
