package org.facecensus.detectors.blazeface;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.facecensus.FaceCensusException;
import org.facecensus.detectors.postprocess.Candidate;
import org.facecensus.spi.inference.Tensor;

/**
 * BlazeFace's raw outputs to candidates: per anchor a score logit and 16 regressions (box centre
 * offset, box size, then 6 keypoints), all in input pixels relative to the anchor centre. Scores go
 * through a sigmoid after clipping the logit to ±100, as MediaPipe's TensorsToDetections does.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
final class BlazeFaceDecoder {
    private static final String FINE_SCORES = "Identity:0";
    private static final String COARSE_SCORES = "Identity_1:0";
    private static final String FINE_BOXES = "Identity_2:0";
    private static final String COARSE_BOXES = "Identity_3:0";
    private static final int VALUES_PER_ANCHOR = 16;
    static final int KEYPOINTS = 6;

    /** The full-range model's one output: per anchor the score logit, then the 16 values. */
    private static final String FULL_RANGE_FACES = "Identity";

    private final BlazeFaceAnchors anchors;
    private final int inputSize;
    private final boolean singleOutput;
    /** Anchors of the any-size graph per input size ({@code width << 16 | height}). */
    private final Map<Integer, BlazeFaceAnchors> anySize = new ConcurrentHashMap<>();

    BlazeFaceDecoder(BlazeFaceVariant variant) {
        this.inputSize = variant.inputSize();
        this.singleOutput = variant.singleOutput();
        // Short range (128 and 256 alike): a fine 16×16 grid × 2 and a coarse 8×8 × 6; full range: one 48×48
        // grid (stride 4), one anchor per cell.
        this.anchors = anchorsFor(inputSize, inputSize);
    }

    private BlazeFaceAnchors anchorsFor(int width, int height) {
        return singleOutput ? new BlazeFaceAnchors(width, height, 4, 1, 0)
                : new BlazeFaceAnchors(width, height, inputSize / 16, 2, 6);
    }

    /**
     * Candidates scoring at least {@code minScore}, mapped from tile pixels to image pixels by
     * {@code image = (tile + offset) / scale}.
     */
    void decode(Map<String, Tensor> outputs, double minScore, double offsetX, double offsetY, double scale,
                List<Candidate> sink) {
        decode(outputs, anchors, minScore, offsetX, offsetY, scale, sink);
    }

    /**
     * As {@link #decode(Map, double, double, double, double, List)} for the any-size graph's outputs on a
     * {@code width × height} input (multiples of the coarse stride).
     */
    void decode(Map<String, Tensor> outputs, int width, int height, double minScore, double offsetX,
                double offsetY, double scale, List<Candidate> sink) {
        BlazeFaceAnchors a = width == inputSize && height == inputSize ? anchors
                : anySize.computeIfAbsent(width << 16 | height, k -> anchorsFor(width, height));
        decode(outputs, a, minScore, offsetX, offsetY, scale, sink);
    }

    private void decode(Map<String, Tensor> outputs, BlazeFaceAnchors anchors, double minScore, double offsetX,
                        double offsetY, double scale, List<Candidate> sink) {
        if (singleOutput) {
            decodeSingle(output(outputs, FULL_RANGE_FACES), anchors, minScore, offsetX, offsetY, scale, sink);
            return;
        }
        float[] fineScores = output(outputs, FINE_SCORES);
        float[] coarseScores = output(outputs, COARSE_SCORES);
        float[] fineBoxes = output(outputs, FINE_BOXES);
        float[] coarseBoxes = output(outputs, COARSE_BOXES);
        if (fineScores.length + coarseScores.length != anchors.size()) {
            throw new FaceCensusException("The BlazeFace model gave " + (fineScores.length + coarseScores.length)
                    + " anchors, expected " + anchors.size() + "; is the model file the pinned one? Run: facecensus "
                    + "models verify");
        }
        double minLogit = Math.log(minScore / (1 - minScore));
        int fine = fineScores.length;
        for (int i = 0; i < anchors.size(); i++) {
            boolean isFine = i < fine;
            float logit = isFine ? fineScores[i] : coarseScores[i - fine];
            if (logit < minLogit) {
                continue;
            }
            float[] boxes = isFine ? fineBoxes : coarseBoxes;
            int b = (isFine ? i : i - fine) * VALUES_PER_ANCHOR;
            add(anchors, boxes, b, logit, i, offsetX, offsetY, scale, sink);
        }
    }

    /** The full-range layout: 17 values per anchor, the logit first. */
    private void decodeSingle(float[] values, BlazeFaceAnchors anchors, double minScore, double offsetX, double offsetY, double scale,
                              List<Candidate> sink) {
        double minLogit = Math.log(minScore / (1 - minScore));
        int per = VALUES_PER_ANCHOR + 1;
        if (values.length != anchors.size() * per) {
            throw new FaceCensusException("The BlazeFace full-range model gave " + values.length + " values, expected "
                    + anchors.size() * per + "; is the model file the pinned one? Run: facecensus models verify");
        }
        for (int i = 0; i < anchors.size(); i++) {
            float logit = values[i * per];
            if (logit >= minLogit) {
                add(anchors, values, i * per + 1, logit, i, offsetX, offsetY, scale, sink);
            }
        }
    }

    /** One candidate from the 16 values at {@code b} for anchor {@code i}. */
    private static void add(BlazeFaceAnchors anchors, float[] boxes, int b, float logit, int i, double offsetX,
                            double offsetY, double scale, List<Candidate> sink) {
        double ax = anchors.centerX(i);
        double ay = anchors.centerY(i);
        double cx = ax + boxes[b];
        double cy = ay + boxes[b + 1];
        double w = boxes[b + 2];
        double h = boxes[b + 3];
        if (!(w > 0) || !(h > 0)) {
            return;
        }
        double[] kp = new double[KEYPOINTS * 2];
        for (int k = 0; k < KEYPOINTS; k++) {
            kp[2 * k] = (ax + boxes[b + 4 + 2 * k] + offsetX) / scale;
            kp[2 * k + 1] = (ay + boxes[b + 5 + 2 * k] + offsetY) / scale;
        }
        double clipped = Math.max(-100, Math.min(100, logit));
        double score = 1 / (1 + Math.exp(-clipped));
        sink.add(new Candidate((cx - w / 2 + offsetX) / scale, (cy - h / 2 + offsetY) / scale,
                (cx + w / 2 + offsetX) / scale, (cy + h / 2 + offsetY) / scale, kp, score));
    }

    private static float[] output(Map<String, Tensor> outputs, String name) {
        Tensor t = outputs.get(name);
        if (t == null) {
            throw new FaceCensusException("The BlazeFace model has no output '" + name + "' (outputs: "
                    + outputs.keySet() + "); is the model file the pinned one? Run: facecensus models verify");
        }
        return t.data();
    }
}
