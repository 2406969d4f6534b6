package org.facecensus.cli;

import org.facecensus.analysis.FaceAnalyzer;
import org.facecensus.census.Census;
import picocli.CommandLine.Option;

/**
 * {@code --landmarks NAME} and {@code --aligner NAME}: the stages between detection and
 * classification, the same in every command.
 *
 * <p>Every command aligns with {@link FaceAnalyzer#DEFAULT_ALIGNER} unless told otherwise: it
 * needs only the detector's eye keypoints, so the default path uses permissively licensed models
 * only ({@code imutils-eyes} needs dlib's 68-point model, which is for non-commercial use).
 * Landmarks default per command, because {@code detect} and {@code align} print what the detector
 * found while {@code analyze} and {@code classify} feed a classifier that wants 68 points.
 *
 * <p>Thread-safety: not thread-safe; picocli fills it once, before the command runs.
 */
final class PipelineMixin {
    @Option(names = "--landmarks", paramLabel = "NAME|none",
            description = "Landmark detector run in every face box, e.g. landmark68-net or dlib-68 "
                    + "(default ${DEFAULT-VALUE}; 'none': the detector's own keypoints).")
    String landmarks;

    @Option(names = "--aligner", paramLabel = "NAME",
            description = "Aligner for the face crops: similarity-5pt (any detector's eye keypoints) or imutils-eyes "
                    + "(needs --landmarks dlib-68, a non-commercial model) (default ${DEFAULT-VALUE}).")
    String aligner = FaceAnalyzer.DEFAULT_ALIGNER;

    /** For picocli: landmarks default to {@value Components#NONE}. */
    PipelineMixin() {
        this(Components.NONE);
    }

    private PipelineMixin(String defaultLandmarks) {
        this.landmarks = defaultLandmarks;
    }

    /** Landmarks default to {@link Census#DEFAULT_LANDMARKS}: for commands that classify. */
    static PipelineMixin forClassifying() {
        return new PipelineMixin(Census.DEFAULT_LANDMARKS);
    }

    String landmarks() {
        return landmarks;
    }

    String aligner() {
        return aligner;
    }
}
