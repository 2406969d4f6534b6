package org.facecensus.census;

import org.facecensus.classify.Gender;

/**
 * One face found in one item.
 *
 * <p>Thread-safety: immutable.
 *
 * @param itemId      the item it belongs to
 * @param faceIndex   0-based, in detector order
 * @param x           box left, pixels of the (orientation-corrected) image
 * @param y           box top
 * @param width       box width
 * @param height      box height
 * @param score       detector score
 * @param gender      predicted label; {@link Gender#UNKNOWN} when the classifier abstained or failed
 * @param probability the classifier's probability of the predicted label (NaN when none)
 * @param probabilityFace the face verifier's probability that this is a face (NaN when no verifier ran or it
 *                    could not judge the face)
 * @param cropPath    aligned crop, relative to the output folder (e.g. {@code crops/poster17_0.jpg}), or empty
 * @param error       why this face could not be aligned or classified, or empty
 */
public record FaceRecord(String itemId, int faceIndex, double x, double y, double width, double height,
                         double score, Gender gender, double probability, double probabilityFace, String cropPath,
                         String error) {
    public FaceRecord {
        cropPath = cropPath == null ? "" : cropPath;
        error = error == null ? "" : error;
        gender = gender == null ? Gender.UNKNOWN : gender;
    }

    /** A face of a census without a face verifier ({@code probabilityFace} NaN). */
    public FaceRecord(String itemId, int faceIndex, double x, double y, double width, double height, double score,
                      Gender gender, double probability, String cropPath, String error) {
        this(itemId, faceIndex, x, y, width, height, score, gender, probability, Double.NaN, cropPath, error);
    }
}
