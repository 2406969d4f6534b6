package org.facecensus.census.engine;

import java.io.Serializable;
import java.nio.file.Path;

import org.facecensus.FaceCensus;
import org.facecensus.analysis.FaceAnalyzer;
import org.facecensus.classify.spec.GenderClassifierSpec;
import org.facecensus.classify.transfer.TransferFaceVerifier;
import org.facecensus.spi.inference.ExecutionDevice;

/**
 * The components of a {@link FaceAnalyzer} by name, as a serialisable value: what a census engine sends to every
 * worker (a Spark executor) so that each builds the same analyzer once, with models from its own model store.
 * The same names as the command line's: {@value #NONE} switches a stage off, a null aligner means
 * {@value FaceAnalyzer#DEFAULT_ALIGNER}, the classifier is a {@link GenderClassifierSpec}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param detector          detector provider name, or null for the registry's default
 * @param landmarks         landmark provider name, or null / {@value #NONE} for the detector's keypoints
 * @param aligner           aligner provider name, {@value #NONE}, or null for the default
 * @param classifier        a {@link GenderClassifierSpec}, or null / {@value #NONE} for none
 * @param minFace           the detector's smallest face in pixels, or null for its default
 * @param minScore          the detector's score threshold, or null for its default
 * @param device            "auto", "cpu" or "cuda", or null for {@code -Dfacecensus.device}
 * @param verifier          a face verifier file ({@code facecensus verifier train}), or null
 * @param verifierThreshold the verifier's threshold, or null for the file's
 */
public record AnalyzerRecipe(String detector, String landmarks, String aligner, String classifier, Double minFace,
                             Double minScore, String device, String verifier, Double verifierThreshold)
        implements Serializable {
    /** Written for a stage: skip it. */
    public static final String NONE = "none";

    /** A builder for the analyzer, with models on {@link #device}; the caller builds and closes it. */
    public FaceAnalyzer.Builder builder() {
        ExecutionDevice d = device == null ? ExecutionDevice.fromSystemProperty() : ExecutionDevice.parse(device);
        return builder(FaceCensus.builder().device(d).build());
    }

    /**
     * The components from {@code census}'s providers, the verifier included, so that every command that
     * takes {@code --verifier} (analyze on any engine, detect) opens it the same way. {@link #device} is not
     * read here: {@code census} already says where models run.
     */
    public FaceAnalyzer.Builder builder(FaceCensus census) {
        FaceAnalyzer.Builder b = census.analyzer().detector(blankToNull(detector));
        if (verifier != null) {
            Path file = Path.of(verifier);
            b.verifier(file.getFileName().toString() + (verifierThreshold == null ? "" : "@" + verifierThreshold),
                    ctx -> TransferFaceVerifier.open(file, ctx, verifierThreshold));
        }
        if (isOff(landmarks)) {
            b.noLandmarks();
        } else {
            b.landmarks(landmarks.strip());
        }
        if (NONE.equals(aligner)) {
            b.noAligner();
        } else if (blankToNull(aligner) != null) {
            b.aligner(aligner.strip());
        }
        if (isOff(classifier)) {
            b.noClassifier();
        } else {
            b.classifier(classifier.strip(), GenderClassifierSpec.factory(classifier.strip()));
        }
        if (minFace != null) {
            b.minFace(minFace);
        }
        if (minScore != null) {
            b.minScore(minScore);
        }
        return b;
    }

    private static boolean isOff(String name) {
        return name == null || name.isBlank() || NONE.equals(name.strip());
    }

    private static String blankToNull(String name) {
        return name == null || name.isBlank() ? null : name.strip();
    }
}
