package org.facecensus.detect;

/**
 * A point in input-image pixels.
 *
 * <p>Thread-safety: immutable.
 */
public record Point(double x, double y) {
    public double distance(Point other) {
        return Math.hypot(x - other.x, y - other.y);
    }
}
