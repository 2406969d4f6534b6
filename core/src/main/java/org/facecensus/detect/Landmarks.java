package org.facecensus.detect;

import java.util.List;
import java.util.Objects;

/**
 * Facial landmarks of one face, in input-image pixels, in the order of their {@link LandmarkScheme}.
 *
 * <p>Thread-safety: immutable.
 */
public record Landmarks(LandmarkScheme scheme, List<Point> points) {
    public Landmarks {
        Objects.requireNonNull(scheme, "scheme");
        points = List.copyOf(points);
        if (points.size() != scheme.size()) {
            throw new IllegalArgumentException(scheme + " has " + scheme.size() + " points, got " + points.size());
        }
    }

    public Point rightEye() {
        return mean(scheme.rightEyeIndices());
    }

    public Point leftEye() {
        return mean(scheme.leftEyeIndices());
    }

    private Point mean(List<Integer> indices) {
        double x = 0;
        double y = 0;
        for (int i : indices) {
            x += points.get(i).x();
            y += points.get(i).y();
        }
        return new Point(x / indices.size(), y / indices.size());
    }
}
