package org.facecensus.detectors.postprocess;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * MediaPipe's weighted non-maximum suppression ("blending"): candidates are taken in descending
 * score; each one absorbs every remaining candidate that overlaps it by at least the threshold, and
 * the result is the score-weighted mean of the group's boxes and keypoints with the group's top
 * score. Averaging over the group steadies the box more than keeping only the best one, which
 * matters for BlazeFace whose neighbouring anchors all fire on one face.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class WeightedNms {
    private final double iouThreshold;

    public WeightedNms(double iouThreshold) {
        this.iouThreshold = iouThreshold;
    }

    public List<Candidate> apply(List<Candidate> candidates) {
        List<Candidate> remaining = new ArrayList<>(candidates);
        remaining.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<Candidate> out = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Candidate top = remaining.get(0);
            List<Candidate> group = new ArrayList<>();
            List<Candidate> rest = new ArrayList<>();
            for (Candidate c : remaining) {
                (top.iou(c) >= iouThreshold ? group : rest).add(c);
            }
            out.add(blend(top, group));
            remaining = rest;
        }
        return out;
    }

    private static Candidate blend(Candidate top, List<Candidate> group) {
        if (group.size() == 1) {
            return top;
        }
        double total = 0;
        double x0 = 0;
        double y0 = 0;
        double x1 = 0;
        double y1 = 0;
        double[] kp = new double[top.keypoints().length];
        for (Candidate c : group) {
            double w = c.score();
            total += w;
            x0 += c.xmin() * w;
            y0 += c.ymin() * w;
            x1 += c.xmax() * w;
            y1 += c.ymax() * w;
            for (int i = 0; i < kp.length; i++) {
                kp[i] += c.keypoints()[i] * w;
            }
        }
        for (int i = 0; i < kp.length; i++) {
            kp[i] /= total;
        }
        return new Candidate(x0 / total, y0 / total, x1 / total, y1 / total, kp, top.score());
    }
}
