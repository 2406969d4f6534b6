package org.facecensus.align.geometry;

import org.facecensus.detect.Point;

/**
 * The affine map of imutils' {@code FaceAligner}: rotate about the eyes' midpoint so the eyes are
 * level, scale so they are {@code (1 - 2·eyeX)·width} apart, and move the midpoint to
 * {@code (0.5·width, eyeY·height)}; the eye on the image's left (the subject's right) then lands at
 * {@code (eyeX·width, eyeY·height)}. Built as OpenCV's {@code getRotationMatrix2D(centre, angle, scale)}
 * plus imutils' translation.
 *
 * <p>Thread-safety: stateless.
 */
public final class EyeLevelTransform {
    private EyeLevelTransform() {
    }

    /**
     * The forward map {@code [a, b, c, d, e, f]} ({@code u = a*x + b*y + c}, {@code v = d*x + e*y + f}).
     *
     * @param subjectRight the subject's right eye centre (on the image's left in an upright photo)
     * @param subjectLeft  the subject's left eye centre
     * @param imutils      {@code true} to round as imutils does: eye centres truncated to integers
     *                     ({@code astype("int")}) and their midpoint floor-divided ({@code // 2});
     *                     {@code false} to use the exact centres
     */
    public static double[] compute(Point subjectRight, Point subjectLeft, double eyeX, double eyeY, int width,
                                   int height, boolean imutils) {
        // imutils names the subject's left eye (points 42-47) "leftEye" and the right (36-41) "rightEye".
        double lx = subjectLeft.x();
        double ly = subjectLeft.y();
        double rx = subjectRight.x();
        double ry = subjectRight.y();
        if (imutils) {
            lx = (long) lx;
            ly = (long) ly;
            rx = (long) rx;
            ry = (long) ry;
        }
        double dY = ry - ly;
        double dX = rx - lx;
        double dist = Math.sqrt(dX * dX + dY * dY);
        if (!(dist > 0)) {
            throw new IllegalArgumentException("the two eye centres coincide at (" + lx + ", " + ly + ")");
        }
        double angle = Math.toDegrees(Math.atan2(dY, dX)) - 180;
        double desiredDist = (1.0 - eyeX - eyeX) * width;
        double scale = desiredDist / dist;
        double cx = imutils ? Math.floorDiv((long) lx + (long) rx, 2) : (lx + rx) / 2;
        double cy = imutils ? Math.floorDiv((long) ly + (long) ry, 2) : (ly + ry) / 2;
        // cv2.getRotationMatrix2D(center, angle, scale)
        double rad = Math.toRadians(angle);
        double alpha = scale * Math.cos(rad);
        double beta = scale * Math.sin(rad);
        double[] m = {alpha, beta, (1 - alpha) * cx - beta * cy, -beta, alpha, beta * cx + (1 - alpha) * cy};
        m[2] += width * 0.5 - cx;
        m[5] += height * eyeY - cy;
        return m;
    }

    /** Applies the forward map {@code m} to {@code p}. */
    public static Point apply(double[] m, Point p) {
        return new Point(m[0] * p.x() + m[1] * p.y() + m[2], m[3] * p.x() + m[4] * p.y() + m[5]);
    }
}
