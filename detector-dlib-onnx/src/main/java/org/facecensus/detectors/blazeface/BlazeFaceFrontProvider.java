package org.facecensus.detectors.blazeface;

import org.facecensus.detect.FaceDetector;
import org.facecensus.spi.FaceDetectorProvider;
import org.facecensus.spi.ProviderContext;

/**
 * {@code blazeface-front}: BlazeFace front-128 in one letterboxed pass, as MediaPipe runs it on
 * selfie frames: fast, for images where a face fills a good part of the frame (portraits, crops).
 *
 * <p>Thread-safety: stateless.
 */
public final class BlazeFaceFrontProvider implements FaceDetectorProvider {
    @Override
    public String name() {
        return "blazeface-front";
    }

    @Override
    public String description() {
        return "MediaPipe BlazeFace (front 128), one pass; for portraits and face crops";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public FaceDetector create(ProviderContext context) {
        BlazeFaceDetector.Builder b = BlazeFaceDetector.builder().name("blazeface-front")
                .variant(BlazeFaceVariant.FRONT_128).tiled(false).minScore(0.5).verifier(null, 0)
                .modelStore(context.models()).device(context.device());
        context.detectorOptions().minScore().ifPresent(b::minScore);
        return b.build();
    }
}
