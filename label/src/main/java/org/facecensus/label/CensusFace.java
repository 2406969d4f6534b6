package org.facecensus.label;

import java.nio.file.Path;

/**
 * One row of a census's {@code faces.csv}, with what labelling needs: where the face is, what the
 * classifier said, and the crop's file and sha256.
 *
 * <p>Thread-safety: immutable.
 *
 * @param key         item id and face index
 * @param x           box left, pixels of the orientation-corrected artwork
 * @param y           box top
 * @param width       box width
 * @param height      box height
 * @param gender      the classifier's label ({@code female}, {@code male}, {@code unknown})
 * @param probability the classifier's probability of that label; NaN when it gave none
 * @param probabilityFace the face verifier's probability that it is a face ({@code p_face}); NaN when no
 *                    verifier judged it, or the census was written before faces.csv had the column
 * @param crop        the aligned crop's file, or null when the census wrote none for this face
 * @param cropSha256  the crop's sha256 in hex, or empty when there is no crop
 */
public record CensusFace(FaceKey key, double x, double y, double width, double height, String gender,
                         double probability, double probabilityFace, Path crop, String cropSha256) {
    public CensusFace {
        gender = gender == null || gender.isEmpty() ? "unknown" : gender;
        cropSha256 = cropSha256 == null ? "" : cropSha256;
    }

    /**
     * How unsure the classifier is: 0 for a coin toss (probability 0.5, or none at all), 0.5 for
     * certainty. The active stream shows the least sure faces first.
     */
    public double certainty() {
        return Double.isNaN(probability) ? 0 : Math.abs(probability - 0.5);
    }
}
