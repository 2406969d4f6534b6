package org.facecensus.classify.faceapi;

import java.util.List;

import org.facecensus.align.AlignedFace;
import org.facecensus.classify.FaceEmbedder;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.faceapi.FaceApiConverter;
import org.facecensus.spi.inference.ExecutionDevice;

/**
 * {@code faceapi-agegender-features}: the 512 pooled penultimate features of face-api.js'
 * {@code AgeGenderNet} (the values its age and gender heads read) as a face embedding, for training
 * new heads on them (transfer learning). Same model file, sha256 and input as
 * {@link FaceApiAgeGenderClassifier}: the whole crop, padded to a square, resized to 112×112.
 * The values are averages of ReLU outputs (never negative), not normalised.
 *
 * <p>Thread-safety: thread-safe; the session is opened once, on first use. {@link #close()} is idempotent.
 */
public final class FaceApiAgeGenderFeatures implements FaceEmbedder {
    /** The provider name. */
    public static final String NAME = "faceapi-agegender-features";

    private final FaceApiAgeGenderClassifier net;

    public FaceApiAgeGenderFeatures(ModelStore store, ExecutionDevice device) {
        this.net = new FaceApiAgeGenderClassifier(store, device);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int dimension() {
        return FaceApiConverter.AGE_GENDER_FEATURES;
    }

    @Override
    public List<ModelInfo> models() {
        return net.models();
    }

    @Override
    public float[] embed(AlignedFace face) {
        return net.featuresAll(List.of(face)).get(0);
    }

    @Override
    public List<float[]> embedAll(List<AlignedFace> faces) {
        return net.featuresAll(faces);
    }

    @Override
    public void close() {
        net.close();
    }
}
