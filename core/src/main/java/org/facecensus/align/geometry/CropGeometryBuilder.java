package org.facecensus.align.geometry;

/**
 * The crop geometry both eye aligners take (output size and where the eyes land), set the same way on
 * each aligner's builder.
 *
 * <p>Thread-safety: not thread-safe; a builder is used by one thread.
 *
 * @param <B> the concrete builder, returned by each setter for chaining
 */
public abstract class CropGeometryBuilder<B extends CropGeometryBuilder<B>> {
    private int width = 224;
    private int height;
    private double eyeX = 0.35;
    private double eyeY = 0.35;

    CropGeometryBuilder() {
    }

    /** Output width (imutils' {@code desiredFaceWidth}, default 224). */
    public B faceWidth(int pixels) {
        this.width = pixels;
        return self();
    }

    /** Output height (imutils' {@code desiredFaceHeight}; default: the width). */
    public B faceHeight(int pixels) {
        this.height = pixels;
        return self();
    }

    /** Where the image-left eye lands, as fractions of the output size (imutils' {@code desiredLeftEye}, default 0.35, 0.35). */
    public B desiredLeftEye(double x, double y) {
        this.eyeX = x;
        this.eyeY = y;
        return self();
    }

    /** The settings given so far; an unset height is the width. */
    AlignerSettings geometry() {
        return new AlignerSettings(width, height == 0 ? width : height, eyeX, eyeY);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
