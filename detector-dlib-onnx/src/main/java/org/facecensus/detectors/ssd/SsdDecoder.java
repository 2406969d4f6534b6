package org.facecensus.detectors.ssd;

import java.util.ArrayList;
import java.util.List;

import org.facecensus.modeltools.faceapi.FaceApiSsd;

/**
 * face-api.js' SSD post-processing ({@code ssdMobilenetv1/outputLayer.ts}, {@code nonMaxSuppression.ts}
 * and {@code SsdMobilenetv1.locateFaces}), without TF.js:
 * <ul>
 *   <li>score: {@code sigmoid} of the class-1 logit;</li>
 *   <li>box: the anchor {@code [ymin, xmin, ymax, xmax]} as centre and size, shifted by
 *       {@code ty/10, tx/10} of its size and scaled by {@code exp(th/5), exp(tw/5)}, in float32;</li>
 *   <li>NMS: candidates scoring strictly above {@code minConfidence}, by descending score (stable),
 *       kept unless an already kept box overlaps with IoU above 0.5, at most {@code maxResults};</li>
 *   <li>back to the image: coordinates clipped to [0, 1] of the square, stretched by
 *       {@code 512 / reshaped side} (undoing the padding) and multiplied by the image size.</li>
 * </ul>
 *
 * <p>Thread-safety: immutable after construction (the anchors are not modified).
 */
public final class SsdDecoder {
    /** face-api's fixed IoU threshold in {@code locateFaces}. */
    public static final double IOU_THRESHOLD = 0.5;

    private final float[] anchors;

    /** @param anchors face-api's {@code Output/extra_dim}, 5118 × {@code [ymin, xmin, ymax, xmax]} */
    public SsdDecoder(float[] anchors) {
        if (anchors.length != FaceApiSsd.ANCHORS * 4) {
            throw new IllegalArgumentException("expected " + FaceApiSsd.ANCHORS * 4 + " anchor values, got "
                    + anchors.length);
        }
        this.anchors = anchors;
    }

    /**
     * One detection: relative {@code [ymin, xmin, ymax, xmax]} of the 512 square (unclipped), and its score.
     *
     * <p>Thread-safety: immutable (arrays it holds are not copied; do not change them).
     */
    public record Raw(int anchor, float[] box, float score) {
    }

    /** {@code sigmoid} of each anchor's class-1 logit, as TF.js computes it in float32. */
    public static float[] scores(float[] classPredictions) {
        int n = classPredictions.length / 3;
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) (1.0 / (1.0 + Math.exp(-classPredictions[i * 3 + 1])));
        }
        return s;
    }

    /** {@code decodeBoxesLayer} for one anchor: {@code [ymin, xmin, ymax, xmax]}. */
    public float[] decode(float[] encodings, int a) {
        float p0 = anchors[a * 4];
        float p1 = anchors[a * 4 + 1];
        float p2 = anchors[a * 4 + 2];
        float p3 = anchors[a * 4 + 3];
        float size0 = p2 - p0;
        float size1 = p3 - p1;
        float center0 = p0 + size0 / 2f;
        float center1 = p1 + size1 / 2f;
        float e0 = encodings[a * 4];
        float e1 = encodings[a * 4 + 1];
        float e2 = encodings[a * 4 + 2];
        float e3 = encodings[a * 4 + 3];
        float div0 = (float) Math.exp(e2 / 5f) * size0 / 2f;
        float add0 = e0 / 10f * size0 + center0;
        float div1 = (float) Math.exp(e3 / 5f) * size1 / 2f;
        float add1 = e1 / 10f * size1 + center1;
        return new float[] {add0 - div0, add1 - div1, add0 + div0, add1 + div1};
    }

    /** face-api's {@code nonMaxSuppression(boxes, scores, maxResults, 0.5, minConfidence)}, in its order. */
    public List<Raw> select(float[] encodings, float[] scores, double minConfidence, int maxResults) {
        List<Raw> candidates = new ArrayList<>();
        for (int a = 0; a < scores.length; a++) {
            if (scores[a] > minConfidence) {
                candidates.add(new Raw(a, decode(encodings, a), scores[a]));
            }
        }
        candidates.sort((x, y) -> Float.compare(y.score(), x.score()));
        int outputSize = Math.min(maxResults, scores.length);
        List<Raw> selected = new ArrayList<>();
        for (Raw c : candidates) {
            if (selected.size() >= outputSize) {
                break;
            }
            boolean keep = true;
            for (int j = selected.size() - 1; j >= 0; j--) {
                double iou = iou(c.box(), selected.get(j).box());
                if (iou > IOU_THRESHOLD) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                selected.add(c);
            }
        }
        return selected;
    }

    /** face-api's {@code IOU}: corners ordered per axis, 0 for an empty box. */
    static double iou(float[] i, float[] j) {
        double yminI = Math.min(i[0], i[2]);
        double xminI = Math.min(i[1], i[3]);
        double ymaxI = Math.max(i[0], i[2]);
        double xmaxI = Math.max(i[1], i[3]);
        double yminJ = Math.min(j[0], j[2]);
        double xminJ = Math.min(j[1], j[3]);
        double ymaxJ = Math.max(j[0], j[2]);
        double xmaxJ = Math.max(j[1], j[3]);
        double areaI = (ymaxI - yminI) * (xmaxI - xminI);
        double areaJ = (ymaxJ - yminJ) * (xmaxJ - xminJ);
        if (areaI <= 0 || areaJ <= 0) {
            return 0;
        }
        double inter = Math.max(Math.min(ymaxI, ymaxJ) - Math.max(yminI, yminJ), 0)
                * Math.max(Math.min(xmaxI, xmaxJ) - Math.max(xminI, xminJ), 0);
        return inter / (areaI + areaJ - inter);
    }

    /**
     * {@code locateFaces}' mapping to image pixels: {@code [x, y, width, height]}. The box is clipped
     * to the 512 square, not to the image: like face-api, a box reaching into the padding may end
     * past the image's bottom or right edge.
     */
    public static double[] toImage(float[] box, int imageWidth, int imageHeight) {
        long[] reshaped = SsdPreprocessor.reshapedDimensions(imageWidth, imageHeight);
        double padX = (double) SsdPreprocessor.SIZE / reshaped[0];
        double padY = (double) SsdPreprocessor.SIZE / reshaped[1];
        double top = Math.max(0, box[0]) * padY;
        double bottom = Math.min(1.0, box[2]) * padY;
        double left = Math.max(0, box[1]) * padX;
        double right = Math.min(1.0, box[3]) * padX;
        return new double[] {left * imageWidth, top * imageHeight, (right - left) * imageWidth,
                (bottom - top) * imageHeight};
    }
}
