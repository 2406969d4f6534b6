package org.facecensus.detectors.fused;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceBox;

/**
 * Weighted box fusion (Solovyev et al. 2021) over the faces of several detectors: boxes taken in descending
 * score join the first cluster whose fused box they overlap by at least the IoU threshold; each cluster's box is
 * the score-weighted mean of its boxes, and its score the sum of the best score each detector gave it divided by
 * the number of detectors, so a face all detectors agree on keeps its score and a face only one of two saw has
 * half of it. Unlike NMS, the boxes of agreeing detectors are averaged, not dropped.
 *
 * <p>Scores of different detectors are on their own scales; they are used as given (each detector's kept
 * faces already passed its own threshold, so they mean "found").
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
final class WeightedBoxFusion {
    private WeightedBoxFusion() {
    }

    /**
     * One fused face.
     *
     * <p>Thread-safety: immutable.
     *
     * @param box      the fused box, with the fused score
     * @param members  which detectors found it (indexes into the input list)
     * @param best     the face of the highest-scoring member, for its keypoints
     */
    record Fused(FaceBox box, boolean[] members, DetectedFace best) {
        int agreeing() {
            int n = 0;
            for (boolean m : members) {
                n += m ? 1 : 0;
            }
            return n;
        }
    }

    private static final class Cluster {
        final List<DetectedFace> faces = new ArrayList<>();
        final double[] bestScore;
        DetectedFace best;
        double x0;
        double y0;
        double x1;
        double y1;
        double weight;

        Cluster(int detectors) {
            bestScore = new double[detectors];
        }

        void add(DetectedFace f, int detector) {
            FaceBox b = f.box();
            double w = b.score();
            faces.add(f);
            x0 += b.x() * w;
            y0 += b.y() * w;
            x1 += (b.x() + b.width()) * w;
            y1 += (b.y() + b.height()) * w;
            weight += w;
            bestScore[detector] = Math.max(bestScore[detector], w);
            if (best == null || w > best.box().score()) {
                best = f;
            }
        }

        double[] box() {
            return new double[] {x0 / weight, y0 / weight, x1 / weight, y1 / weight};
        }
    }

    /** Fuses the faces each detector found ({@code perDetector.get(d)}), highest fused score first. */
    static List<Fused> fuse(List<List<DetectedFace>> perDetector, double iouThreshold) {
        record Tagged(DetectedFace face, int detector) {
        }
        List<Tagged> all = new ArrayList<>();
        for (int d = 0; d < perDetector.size(); d++) {
            for (DetectedFace f : perDetector.get(d)) {
                all.add(new Tagged(f, d));
            }
        }
        all.sort(Comparator.comparingDouble((Tagged t) -> t.face().box().score()).reversed());
        List<Cluster> clusters = new ArrayList<>();
        for (Tagged t : all) {
            Cluster match = null;
            double bestIou = iouThreshold;
            for (Cluster c : clusters) {
                double iou = iou(c.box(), t.face().box());
                if (iou >= bestIou) {
                    bestIou = iou;
                    match = c;
                }
            }
            if (match == null) {
                match = new Cluster(perDetector.size());
                clusters.add(match);
            }
            match.add(t.face(), t.detector());
        }
        List<Fused> out = new ArrayList<>();
        for (Cluster c : clusters) {
            double[] b = c.box();
            double score = 0;
            boolean[] members = new boolean[perDetector.size()];
            for (int d = 0; d < members.length; d++) {
                score += c.bestScore[d];
                members[d] = c.bestScore[d] > 0;
            }
            score /= perDetector.size();
            out.add(new Fused(new FaceBox(b[0], b[1], b[2] - b[0], b[3] - b[1], score), members, c.best));
        }
        out.sort(Comparator.comparingDouble((Fused f) -> f.box().score()).reversed());
        return out;
    }

    static double iou(double[] a, FaceBox b) {
        double ix = Math.max(0, Math.min(a[2], b.x() + b.width()) - Math.max(a[0], b.x()));
        double iy = Math.max(0, Math.min(a[3], b.y() + b.height()) - Math.max(a[1], b.y()));
        double inter = ix * iy;
        double union = (a[2] - a[0]) * (a[3] - a[1]) + b.width() * b.height() - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
