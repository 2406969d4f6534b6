package org.facecensus.dataset.manifest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One row of a dataset's {@code manifest.csv}: a face (kept or dropped), or a whole file that gave no face. Missing
 * numbers are null (an empty cell).
 *
 * <p>Thread-safety: immutable.
 *
 * @param crop        the face's image, relative to the dataset folder ({@code faces/...png}); empty when dropped
 *                    before the duplicate checks (duplicates keep theirs)
 * @param status      {@value #KEPT} or {@value #DROPPED} (or {@value #CANDIDATE} while a build runs)
 * @param reason      the {@link org.facecensus.dataset.DropReason#code() drop reason}; empty when kept
 * @param detail      more about the reason: the load error, the kept face this one duplicates
 * @param origin      the provenance: source file path or URL
 * @param sha256      the SHA-256 of the source file's bytes
 * @param face        the face's index in its image (detector order); -1 for a row about the whole file
 * @param x           face box left, source image pixels
 * @param y           face box top
 * @param width       face box width
 * @param height      face box height
 * @param score       the detector's score
 * @param gender      the gender filter's verdict: female, male, unknown (abstained); empty without a classifier
 * @param probability the verdict's probability (the two-model filter's: the smaller member probability)
 * @param femaleA     the first (or only) classifier's probability that the face is female
 * @param femaleB     the second classifier's probability that the face is female (two-model filter only)
 * @param age         estimated age in years, from the first classifier that estimates one
 * @param sharpness   variance of the Laplacian at 112×112 ({@link org.facecensus.dataset.quality.Sharpness})
 * @param phash       64-bit perceptual hash, 16 hex digits
 * @param models      detector, landmarks, aligner, classifier and embedder names (their sha256s are in summary.json)
 */
@JsonPropertyOrder({"crop", "status", "reason", "detail", "origin", "sha256", "face", "x", "y", "width", "height",
        "score", "gender", "probability", "femaleA", "femaleB", "age", "sharpness", "phash", "models"})
public record ManifestRow(String crop, String status, String reason, String detail, String origin, String sha256,
                          int face, Double x, Double y, Double width, Double height, Double score, String gender,
                          Double probability, Double femaleA, Double femaleB, Double age, Double sharpness,
                          String phash, String models) {
    public static final String KEPT = "kept";
    public static final String DROPPED = "dropped";
    public static final String CANDIDATE = "candidate";

    public boolean kept() {
        return KEPT.equals(status);
    }

    /** The same row with another status, reason, detail and crop. */
    public ManifestRow withStatus(String newStatus, String newReason, String newDetail, String newCrop) {
        return new ManifestRow(newCrop, newStatus, newReason, newDetail, origin, sha256, face, x, y, width, height,
                score, gender, probability, femaleA, femaleB, age, sharpness, phash, models);
    }

    /** The probability that the face is female by the verdict, when there is one: femaleA, else null. */
    public Double femaleProbability() {
        if (femaleA != null && femaleB != null) {
            return (femaleA + femaleB) / 2;
        }
        return femaleA;
    }
}
