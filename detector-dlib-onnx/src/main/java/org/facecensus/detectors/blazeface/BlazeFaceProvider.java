package org.facecensus.detectors.blazeface;

import java.util.Optional;

import org.facecensus.detect.FaceDetector;
import org.facecensus.detect.MeasuredRecall;
import org.facecensus.spi.FaceDetectorProvider;
import org.facecensus.spi.ProviderContext;

/**
 * {@code blazeface}: BlazeFace back-256 over an image pyramid, for photos and posters of any size.
 *
 * <p>Thread-safety: stateless.
 */
public final class BlazeFaceProvider implements FaceDetectorProvider {
    @Override
    public String name() {
        return "blazeface";
    }

    @Override
    public String description() {
        return "MediaPipe BlazeFace (back 256) over an image pyramid, whole levels per run; faces from 1/64 of the longer side; 6 keypoints";
    }

    @Override
    public int priority() {
        return 50;
    }

    /** Measured for the README with default settings (tools/eval-eyes.js). */
    @Override
    public Optional<MeasuredRecall> measuredRecall() {
        return Optional.of(MeasuredRecall.onWebfaces(0.782, 0.345, 0.11));
    }

    @Override
    public java.util.Set<Class<? extends org.facecensus.spi.ProviderOptions>> optionTypes() {
        return java.util.Set.of(BlazeFaceOptions.class);
    }

    @Override
    public FaceDetector create(ProviderContext context) {
        BlazeFaceDetector.Builder b = BlazeFaceDetector.builder().modelStore(context.models()).device(context.device());
        context.options(BlazeFaceOptions.class).ifPresent(o -> o.applyTo(b));
        context.detectorOptions().minFaceSize().ifPresent(b::minFaceSize);
        context.detectorOptions().minScore().ifPresent(b::minScore);
        return b.build();
    }
}
