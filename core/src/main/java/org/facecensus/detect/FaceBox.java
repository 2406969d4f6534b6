package org.facecensus.detect;

/**
 * An axis-aligned face box in input-image pixels, with the detector's confidence.
 *
 * @param x     left edge
 * @param y     top edge
 * @param width width, positive
 * @param height height, positive
 * @param score the detector's confidence; its scale is the detector's own (a probability for
 *              BlazeFace, a margin for dlib's HOG), so compare scores only within one detector
 *
 * <p>Thread-safety: immutable.
 */
public record FaceBox(double x, double y, double width, double height, double score) {
    public FaceBox {
        if (!(width > 0) || !(height > 0)) {
            throw new IllegalArgumentException("box size must be positive: " + width + "x" + height);
        }
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    public double area() {
        return width * height;
    }

    /** Intersection over union with {@code other}, in [0, 1]. */
    public double iou(FaceBox other) {
        double ix = Math.max(0, Math.min(x + width, other.x + other.width) - Math.max(x, other.x));
        double iy = Math.max(0, Math.min(y + height, other.y + other.height) - Math.max(y, other.y));
        double inter = ix * iy;
        return inter <= 0 ? 0 : inter / (area() + other.area() - inter);
    }

    public boolean contains(double px, double py) {
        return px >= x && py >= y && px <= x + width && py <= y + height;
    }
}
