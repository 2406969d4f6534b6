package org.facecensus.census.run;

/**
 * The components of a {@link FacePipeline}, by provider name.
 *
 * <p>Defaults, chosen by measured accuracy: detector {@value #DEFAULT_DETECTOR} (see the README's
 * detector comparison, peopleart included), landmarks {@value #DEFAULT_LANDMARKS} (the 68 points that
 * {@value #DEFAULT_CLASSIFIER} cuts its crop from), aligner {@value #DEFAULT_ALIGNER} (224×224, eyes
 * level, from those points; no non-commercial dlib model needed).
 *
 * <p>Thread-safety: immutable.
 *
 * @param detector   face detector provider name
 * @param landmarks  landmark detector provider name, or empty ({@value #NONE} is read as empty) to use
 *                   the detector's own keypoints
 * @param aligner    aligner provider name, or {@value #NONE}
 * @param classifier gender classifier name, or {@value #NONE}
 */
public record PipelineSettings(String detector, String landmarks, String aligner, String classifier) {
    public static final String DEFAULT_DETECTOR = "blazeface";
    public static final String DEFAULT_LANDMARKS = "landmark68-net";
    public static final String DEFAULT_ALIGNER = "similarity-5pt";
    public static final String DEFAULT_CLASSIFIER = "faceapi-agegender";
    /** As aligner or classifier name: skip that stage (no crops; every face's gender unknown). */
    public static final String NONE = "none";

    public PipelineSettings {
        detector = orDefault(detector, DEFAULT_DETECTOR);
        landmarks = landmarks == null ? DEFAULT_LANDMARKS : landmarks.equals(NONE) ? "" : landmarks.strip();
        aligner = orDefault(aligner, DEFAULT_ALIGNER);
        classifier = orDefault(classifier, DEFAULT_CLASSIFIER);
    }

    public static PipelineSettings defaults() {
        return new PipelineSettings(null, null, null, null);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
