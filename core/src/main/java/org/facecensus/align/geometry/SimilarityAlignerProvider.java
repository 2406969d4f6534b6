package org.facecensus.align.geometry;

import org.facecensus.align.FaceAligner;
import org.facecensus.spi.FaceAlignerProvider;
import org.facecensus.spi.ProviderContext;

/**
 * {@code similarity-5pt}: eye-level similarity from the detector's own eye keypoints, 224×224.
 *
 * <p>Thread-safety: stateless.
 */
public final class SimilarityAlignerProvider implements FaceAlignerProvider {
    @Override
    public String name() {
        return SimilarityAligner.NAME;
    }

    @Override
    public String description() {
        return "eyes level from the detector's eye keypoints (blazeface 6, 5-point or 68), imutils geometry, 224x224";
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public FaceAligner create(ProviderContext context) {
        return SimilarityAligner.builder().build();
    }
}
