package org.facecensus.classify.faceapi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.facecensus.model.ModelSpec;
import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.faceapi.FaceApiModels;
import org.facecensus.modeltools.faceapi.FaceApiOnnxCache;
import org.facecensus.spi.ModelCatalog;

/**
 * The face-api networks this module's classifier and embedders use (age/gender, recognition), for
 * {@code facecensus models fetch}; the detector module lists its own.
 *
 * <p>Thread-safety: immutable.
 */
public final class FaceApiClassifierModels implements ModelCatalog {
    @Override
    public List<ModelSpec> models() {
        List<ModelSpec> all = new ArrayList<>(FaceApiModels.AGE_GENDER.specs());
        all.addAll(FaceApiModels.FACE_RECOGNITION.specs());
        return List.copyOf(all);
    }

    /** Converts both networks to ONNX now, so that a fetched cache works offline (see FaceApiOnnxCache). */
    @Override
    public List<Path> prepare(ModelStore store) {
        return List.of(FaceApiOnnxCache.ageGender(store), FaceApiOnnxCache.faceRecognition(store));
    }
}
