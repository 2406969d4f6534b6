package org.facecensus.align.geometry;

import org.facecensus.align.FaceAligner;
import org.facecensus.spi.FaceAlignerProvider;
import org.facecensus.spi.ProviderContext;

/**
 * {@code imutils-eyes}: imutils' FaceAligner on dlib-68 landmarks, 224×224.
 *
 * <p>Thread-safety: stateless.
 */
public final class ImutilsEyesAlignerProvider implements FaceAlignerProvider {
    @Override
    public String name() {
        return ImutilsEyesAligner.NAME;
    }

    @Override
    public String description() {
        return "imutils FaceAligner: eyes level from dlib-68 points 36-47 (non-commercial model), 224x224, bicubic";
    }

    @Override
    public int priority() {
        return 40;
    }

    @Override
    public FaceAligner create(ProviderContext context) {
        return ImutilsEyesAligner.builder().modelStore(context.models()).build();
    }
}
