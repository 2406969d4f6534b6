package org.facecensus.detectors.tiny;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.facecensus.modeltools.faceapi.FaceApiTiny;

/**
 * face-api.js' TinyFaceDetector post-processing ({@code TinyYolov2Base.extractBoxes} and
 * {@code detect}, {@code ops/nonMaxSuppression.ts}, {@code ops/iou.ts}), without TF.js, in double
 * precision like its JavaScript:
 * <ul>
 *   <li>for each cell {@code (row, col)} of the {@code n×n} grid and each of the 5 anchors:
 *       score {@code = sigmoid(objectness)}, kept when strictly above {@code scoreThreshold};</li>
 *   <li>box centre {@code ((col + sigmoid(tx)) / n, (row + sigmoid(ty)) / n)}, size
 *       {@code (exp(tw) · anchorX / n, exp(th) · anchorY / n)}, each multiplied by the correction
 *       factor {@code S / reshaped side} that undoes the bottom/right padding; no class scores (one
 *       class);</li>
 *   <li>NMS: indices sorted by ascending score (stable) and popped from the end, so the highest
 *       score goes first and ties go to the later cell; every remaining box overlapping the picked
 *       one with IoU above {@value FaceApiTiny#IOU_THRESHOLD} (on boxes scaled by S) is dropped; no
 *       limit on the count;</li>
 *   <li>back to the image: relative box times the image's width and height, not clipped (a box may
 *       start left of or above the image, as face-api's does).</li>
 * </ul>
 *
 * <p>Thread-safety: stateless.
 */
public final class TinyFaceDecoder {
    private TinyFaceDecoder() {
    }

    /**
     * A candidate: relative {@code [x, y, width, height]} of the image, its score and grid position.
     *
     * <p>Thread-safety: immutable (arrays it holds are not copied; do not change them).
     */
    public record Raw(double[] box, double score, int row, int col, int anchor) {
    }

    /** {@code extractBoxes}: every cell/anchor scoring above {@code scoreThreshold}, in grid order. */
    public static List<Raw> extract(float[] grid, int cells, int imageWidth, int imageHeight, int inputSize,
                                    double scoreThreshold) {
        long[] reshaped = TinyFacePreprocessor.reshapedDimensions(imageWidth, imageHeight, inputSize);
        double side = Math.max(reshaped[0], reshaped[1]);
        double corrX = side / reshaped[0];
        double corrY = side / reshaped[1];
        int anchors = FaceApiTiny.ANCHORS.length / 2;
        int k = FaceApiTiny.BOX_ENCODING_SIZE;
        List<Raw> out = new ArrayList<>();
        for (int row = 0; row < cells; row++) {
            for (int col = 0; col < cells; col++) {
                for (int a = 0; a < anchors; a++) {
                    int base = ((row * cells + col) * anchors + a) * k;
                    double score = sigmoid(grid[base + 4]);
                    if (score > scoreThreshold) {
                        double ctX = ((col + sigmoid(grid[base])) / cells) * corrX;
                        double ctY = ((row + sigmoid(grid[base + 1])) / cells) * corrY;
                        double w = ((Math.exp(grid[base + 2]) * FaceApiTiny.ANCHORS[2 * a]) / cells) * corrX;
                        double h = ((Math.exp(grid[base + 3]) * FaceApiTiny.ANCHORS[2 * a + 1]) / cells) * corrY;
                        double x = ctX - w / 2;
                        double y = ctY - h / 2;
                        // BoundingBox(x, y, x + w, y + h): width and height as face-api recomputes them
                        out.add(new Raw(new double[] {x, y, (x + w) - x, (y + h) - y}, score, row, col, a));
                    }
                }
            }
        }
        return out;
    }

    /** face-api's {@code nonMaxSuppression(boxes.rescale(inputSize), scores, 0.4, true)}: picked candidates in order. */
    public static List<Raw> nms(List<Raw> candidates, int inputSize) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> candidates.get(i).score())); // stable, ascending
        List<Raw> pick = new ArrayList<>();
        while (!order.isEmpty()) {
            Raw curr = candidates.get(order.remove(order.size() - 1));
            pick.add(curr);
            List<Integer> left = new ArrayList<>(order.size());
            for (int idx : order) {
                if (iou(curr.box(), candidates.get(idx).box(), inputSize) <= FaceApiTiny.IOU_THRESHOLD) {
                    left.add(idx);
                }
            }
            order = left;
        }
        return pick;
    }

    /** face-api's {@code iou} of two relative {@code [x, y, w, h]} boxes, both scaled by {@code s}. */
    static double iou(double[] a, double[] b, double s) {
        double ax = a[0] * s;
        double ay = a[1] * s;
        double aw = a[2] * s;
        double ah = a[3] * s;
        double bx = b[0] * s;
        double by = b[1] * s;
        double bw = b[2] * s;
        double bh = b[3] * s;
        double width = Math.max(0.0, Math.min(ax + aw, bx + bw) - Math.max(ax, bx));
        double height = Math.max(0.0, Math.min(ay + ah, by + bh) - Math.max(ay, by));
        double inter = width * height;
        return inter / (aw * ah + bw * bh - inter);
    }

    /** face-api's {@code sigmoid}: {@code 1 / (1 + exp(-x))} in double. */
    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
