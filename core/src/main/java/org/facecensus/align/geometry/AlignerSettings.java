package org.facecensus.align.geometry;

import org.facecensus.align.AlignedFace;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.Landmarks;
import org.facecensus.image.RgbImage;

/**
 * Output geometry shared by the eye-level aligners: the crop's size and where the eyes land in it.
 *
 * @param width  output width in pixels (imutils' {@code desiredFaceWidth})
 * @param height output height in pixels ({@code desiredFaceHeight})
 * @param eyeX   where the eye on the image's left lands, as a fraction of the width
 *               (imutils' {@code desiredLeftEye[0]}); the other eye lands at {@code 1 - eyeX}
 * @param eyeY   the eyes' height as a fraction of the output height ({@code desiredLeftEye[1]})
 *
 * <p>Thread-safety: immutable.
 */
public record AlignerSettings(int width, int height, double eyeX, double eyeY) {
    /** imutils' defaults with a 224-pixel face: the eye on the image's left at (0.35, 0.35). */
    public static final AlignerSettings IMUTILS_224 = new AlignerSettings(224, 224, 0.35, 0.35);

    public AlignerSettings {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("output size must be positive: " + width + "x" + height);
        }
        if (!(eyeX > 0 && eyeX < 0.5)) {
            throw new IllegalArgumentException("eyeX must be in (0, 0.5), got " + eyeX);
        }
        if (!(eyeY > 0 && eyeY < 1)) {
            throw new IllegalArgumentException("eyeY must be in (0, 1), got " + eyeY);
        }
    }

    /**
     * The face of {@code image} warped so that the eyes of {@code landmarks} land where these settings put
     * them: the one rule both eye aligners apply once they have their landmarks.
     *
     * @param imutilsRounding truncate the eye centres to integers, as imutils does
     */
    AlignedFace warp(RgbImage image, Landmarks landmarks, DetectedFace face, boolean imutilsRounding) {
        double[] m = EyeLevelTransform.compute(landmarks.rightEye(), landmarks.leftEye(), eyeX, eyeY, width, height,
                imutilsRounding);
        return new AlignedFace(CubicWarp.warp(image, m, width, height), m, face);
    }
}
