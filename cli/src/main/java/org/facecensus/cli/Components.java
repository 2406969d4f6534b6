package org.facecensus.cli;

import org.facecensus.FaceCensus;
import org.facecensus.analysis.FaceAnalyzer;
import org.facecensus.census.engine.AnalyzerRecipe;
import org.facecensus.classify.spec.GenderClassifierSpec;

/**
 * The command line's component names turned into a {@link FaceAnalyzer.Builder}, the same way in every
 * command: {@value #NONE} switches a stage off, a null aligner means {@value FaceAnalyzer#DEFAULT_ALIGNER},
 * and the classifier is a {@link GenderClassifierSpec} (provider name, trained head, Fisherfaces model or
 * the two-model filter).
 *
 * <p>Thread-safety: stateless.
 */
final class Components {
    /** Written for a stage: skip it. */
    static final String NONE = "none";

    private Components() {
    }

    /**
     * @param detector   provider name, or null for the registry's default
     * @param landmarks  provider name, or null / {@value #NONE} for the detector's keypoints
     * @param aligner    provider name, {@value #NONE}, or null for {@value FaceAnalyzer#DEFAULT_ALIGNER}
     * @param classifier a {@link GenderClassifierSpec}, or null / {@value #NONE} for no classification
     */
    static FaceAnalyzer.Builder analyzer(FaceCensus census, String detector, String landmarks, String aligner,
                                         String classifier) {
        return analyzer(census, detector, landmarks, aligner, classifier, null, null);
    }

    /**
     * As {@link #analyzer(FaceCensus, String, String, String, String)}, with a face verifier opened as
     * {@code analyze} opens it.
     *
     * @param verifier          a verifier file ({@code facecensus verifier train}), or null for none
     * @param verifierThreshold its threshold, or null for the file's
     */
    static FaceAnalyzer.Builder analyzer(FaceCensus census, String detector, String landmarks, String aligner,
                                         String classifier, String verifier, Double verifierThreshold) {
        return new AnalyzerRecipe(detector, landmarks, aligner, classifier, null, null, null, verifier,
                verifierThreshold).builder(census);
    }
}
