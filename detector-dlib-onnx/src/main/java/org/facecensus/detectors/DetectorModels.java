package org.facecensus.detectors;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.facecensus.detectors.blazeface.BlazeFaceVariant;
import org.facecensus.detectors.dlib.hog.DlibFrontalFaceModel;
import org.facecensus.detectors.dlib.shape.DlibShapeDetector;
import org.facecensus.model.ModelSpec;
import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.faceapi.FaceApiModels;
import org.facecensus.modeltools.faceapi.FaceApiOnnxCache;
import org.facecensus.spi.ModelCatalog;

/**
 * The models this module's detectors and landmark detectors use, for {@code facecensus models fetch}
 * (the face-api age/gender and recognition nets are classifier-vggface's).
 *
 * <p>Thread-safety: immutable.
 */
public final class DetectorModels implements ModelCatalog {
    @Override
    public List<ModelSpec> models() {
        List<ModelSpec> all = new ArrayList<>(List.of(BlazeFaceVariant.BACK_256.spec(),
                BlazeFaceVariant.FRONT_128.spec(), DlibFrontalFaceModel.SPEC, DlibShapeDetector.MODEL_68));
        all.addAll(FaceApiModels.LANDMARK_68.specs());
        all.addAll(FaceApiModels.SSD_MOBILENETV1.specs());
        all.addAll(FaceApiModels.TINY_FACE_DETECTOR.specs());
        all.addAll(BlazeFaceVariant.FULL_RANGE_192.specs());
        return List.copyOf(all);
    }

    /**
     * Converts the face-api networks to ONNX now rather than on first use, so that a fetched cache
     * works offline and its converted files (named by their inputs' sha256, with the source package,
     * version and input hashes in their metadata) can be listed.
     */
    @Override
    public List<Path> prepare(ModelStore store) {
        return List.of(FaceApiOnnxCache.ssdMobilenetV1(store), FaceApiOnnxCache.tinyFaceDetector(store),
                FaceApiOnnxCache.landmark68(store), BlazeFaceVariant.FULL_RANGE_192.file(store));
    }
}
