package org.facecensus.detectors.postprocess;

/**
 * A raw detection before non-maximum suppression: box corners and keypoints in image pixels.
 *
 * @param keypoints x0, y0, x1, y1, ... (may be empty)
 *
 * <p>Thread-safety: immutable by convention (arrays are not copied; do not mutate).
 */
public record Candidate(double xmin, double ymin, double xmax, double ymax, double[] keypoints, double score) {

    public double area() {
        return Math.max(0, xmax - xmin) * Math.max(0, ymax - ymin);
    }

    public double iou(Candidate o) {
        double iw = Math.min(xmax, o.xmax) - Math.max(xmin, o.xmin);
        double ih = Math.min(ymax, o.ymax) - Math.max(ymin, o.ymin);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / (area() + o.area() - inter);
    }
}
