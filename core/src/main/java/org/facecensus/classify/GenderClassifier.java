package org.facecensus.classify;

import java.util.List;

import org.facecensus.align.AlignedFace;

/**
 * Predicts the perceived gender of aligned faces.
 *
 * <p>Thread-safety: implementations must be safe for concurrent use; {@link #close()} is idempotent.
 */
public interface GenderClassifier extends AutoCloseable {

    String name();

    GenderPrediction classify(AlignedFace face);

    /** Classifies many faces; implementations batch them into as few model calls as they can. */
    default List<GenderPrediction> classifyAll(List<AlignedFace> faces) {
        return faces.stream().map(this::classify).toList();
    }

    @Override
    void close();
}
