package org.facecensus.detectors.tiny;

import java.util.Optional;

import org.facecensus.detect.FaceDetector;
import org.facecensus.detect.MeasuredRecall;
import org.facecensus.spi.FaceDetectorProvider;
import org.facecensus.spi.ProviderContext;

/**
 * {@code tiny-face}: face-api.js' TinyFaceDetector (MIT), converted to ONNX on first use.
 * {@code --min-score} sets face-api's {@code scoreThreshold} (default 0.5); {@code --min-face}
 * drops smaller faces after detection, and below the longer side / 20 (what one pass finds) turns on
 * a tiled pyramid down to that size; the input size is face-api's default 416.
 *
 * <p>Thread-safety: stateless.
 */
public final class TinyFaceProvider implements FaceDetectorProvider {
    @Override
    public String name() {
        return TinyFaceDetector.NAME;
    }

    @Override
    public String description() {
        return "face-api.js TinyFaceDetector (MIT), one 416x416 pass (tiled when --min-face < longer side/20),"
                + " scoreThreshold 0.5, NMS IoU 0.4;"
                + " TF.js weights converted to ONNX on first use";
    }

    @Override
    public int priority() {
        // Below ssd-mobilenet (40) and blazeface (50): face-api's own fast, small-model option, with
        // looser boxes and lower recall than its SSD (a 13x13 grid at 416: faces under ~1/20 of the
        // longer side are missed unless --min-face asks for them); above blazeface-front (10), which only sees
        // near, frontal faces. Choose it by name for speed or face-api parity.
        return 20;
    }

    /** Measured for the README with default settings (tools/eval-eyes.js). */
    @Override
    public Optional<MeasuredRecall> measuredRecall() {
        return Optional.of(MeasuredRecall.onWebfaces(0.545, 0.176, 0.05));
    }

    @Override
    public FaceDetector create(ProviderContext context) {
        double minScore = context.detectorOptions().minScore().orElse(TinyFaceDetector.DEFAULT_SCORE_THRESHOLD);
        TinyFaceDetector d = new TinyFaceDetector(context.models(), context.device(),
                TinyFaceDetector.DEFAULT_INPUT_SIZE, minScore);
        context.detectorOptions().minFaceSize().ifPresent(d::minFaceSize);
        return d;
    }
}
