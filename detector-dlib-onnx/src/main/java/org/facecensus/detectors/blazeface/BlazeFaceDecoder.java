package org.facecensus.detectors.blazeface;

import java.util.List;
import java.util.Map;

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

    private final BlazeFaceAnchors anchors = new BlazeFaceAnchors(16, 2, 8, 6);
    private final int inputSize;

    BlazeFaceDecoder(int inputSize) {
        this.inputSize = inputSize;
    }

    /**
     * Candidates scoring at least {@code minScore}, mapped from tile pixels to image pixels by
     * {@code image = (tile + offset) / scale}.
     */
    void decode(Map<String, Tensor> outputs, double minScore, double offsetX, double offsetY, double scale,
                List<Candidate> sink) {
        float[] fineScores = output(outputs, FINE_SCORES);
        float[] coarseScores = output(outputs, COARSE_SCORES);
        float[] fineBoxes = output(outputs, FINE_BOXES);
        float[] coarseBoxes = output(outputs, COARSE_BOXES);
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
            double ax = anchors.centerX(i) * inputSize;
            double ay = anchors.centerY(i) * inputSize;
            double cx = ax + boxes[b];
            double cy = ay + boxes[b + 1];
            double w = boxes[b + 2];
            double h = boxes[b + 3];
            if (!(w > 0) || !(h > 0)) {
                continue;
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
