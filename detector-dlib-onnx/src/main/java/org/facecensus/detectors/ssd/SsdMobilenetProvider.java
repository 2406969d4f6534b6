package org.facecensus.detectors.ssd;

import java.util.Optional;

import org.facecensus.detect.FaceDetector;
import org.facecensus.detect.MeasuredRecall;
import org.facecensus.spi.FaceDetectorProvider;
import org.facecensus.spi.ProviderContext;

/**
 * {@code ssd-mobilenet}: face-api.js' SSD-MobileNetV1 face detector (MIT), converted to ONNX on
 * first use. {@code --min-score} sets face-api's {@code minConfidence} (default 0.5);
 * {@code --min-face} drops smaller faces after detection, and below the longer side / 25.6 (what one
 * pass finds) turns on a tiled pyramid down to that size.
 *
 * <p>Thread-safety: stateless.
 */
public final class SsdMobilenetProvider implements FaceDetectorProvider {
    @Override
    public String name() {
        return SsdMobilenetDetector.NAME;
    }

    @Override
    public String description() {
        return "face-api.js SSD-MobileNetV1 (MIT), one 512x512 pass (tiled when --min-face < longer side/25),"
                + " minConfidence 0.5, maxResults 100;"
                + " TF.js weights converted to ONNX on first use";
    }

    @Override
    public int priority() {
        // Below blazeface (50): one 512 pass misses faces under ~1/25 of the longer side, which
        // blazeface's tiled pyramid finds down to 1/64; choose it by name for face-api parity.
        return 40;
    }

    /** Measured for the README with default settings (tools/eval-eyes.js). */
    @Override
    public Optional<MeasuredRecall> measuredRecall() {
        return Optional.of(MeasuredRecall.onWebfaces(0.887, 0.836, 0.53));
    }

    @Override
    public FaceDetector create(ProviderContext context) {
        double minScore = context.detectorOptions().minScore().orElse(SsdMobilenetDetector.DEFAULT_MIN_CONFIDENCE);
        SsdMobilenetDetector d = new SsdMobilenetDetector(context.models(), context.device(), minScore,
                SsdMobilenetDetector.DEFAULT_MAX_RESULTS);
        context.detectorOptions().minFaceSize().ifPresent(d::minFaceSize);
        return d;
    }
}
