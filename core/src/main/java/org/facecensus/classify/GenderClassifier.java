package org.facecensus.classify;

import java.util.List;
import java.util.Optional;

import org.facecensus.align.AlignedFace;
import org.facecensus.detect.DetectedFace;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;

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

    /**
     * The crop this classifier was trained on, for classifiers that cut their own (face-api's
     * age/gender net takes the box of the 68 landmarks, unwarped). Empty means: feed it the output
     * of a {@link org.facecensus.align.FaceAligner}.
     *
     * @throws org.facecensus.FaceCensusException when the face lacks what the crop needs (e.g. landmarks)
     */
    default Optional<AlignedFace> ownCrop(RgbImage image, DetectedFace face) {
        return Optional.empty();
    }

    /**
     * Provenance of every model this classifier uses (name, version, source, sha256), printed in
     * outputs. Empty only for classifiers without model files; implementations with models override it.
     */
    default List<ModelInfo> models() {
        return List.of();
    }

    @Override
    void close();
}
