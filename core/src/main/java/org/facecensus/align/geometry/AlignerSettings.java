package org.facecensus.align.geometry;

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
}
