package org.facecensus.detectors.blazeface;

import org.facecensus.detect.FaceDetector;
import org.facecensus.spi.FaceDetectorProvider;
import org.facecensus.spi.ProviderContext;

/**
 * {@code blazeface-full-range}: MediaPipe's full-range BlazeFace (192×192, Apache-2.0; from the Human zoo's
 * TF.js graph, converted to ONNX by model-tools) over the same tiled pyramid as {@code blazeface}, for small
 * and distant faces.
 *
 * <p>Thread-safety: stateless.
 */
public final class BlazeFaceFullRangeProvider implements FaceDetectorProvider {
    /** The provider name. */
    public static final String NAME = "blazeface-full-range";
    /** MediaPipe's full-range graph keeps detections from 0.6. */
    static final double MIN_SCORE = 0.6;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "MediaPipe BlazeFace full range (192x192, 2304 anchors), tiled pyramid; for small and distant faces";
    }

    @Override
    public int priority() {
        return 15;
    }

    @Override
    public FaceDetector create(ProviderContext context) {
        BlazeFaceDetector.Builder b = BlazeFaceDetector.builder().name(NAME).variant(BlazeFaceVariant.FULL_RANGE_192)
                .minScore(MIN_SCORE).verifier(null, 0).modelStore(context.models()).device(context.device());
        context.detectorOptions().minScore().ifPresent(b::minScore);
        context.detectorOptions().minFaceSize().ifPresent(b::minFaceSize);
        return b.build();
    }
}
