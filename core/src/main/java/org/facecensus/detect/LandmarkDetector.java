package org.facecensus.detect;

import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;

/**
 * Locates facial landmarks inside a face box found by any {@link FaceDetector}, e.g. dlib's
 * 68-point shape predictor. Obtain one with {@link org.facecensus.FaceCensus#landmarkDetector(String)}.
 *
 * <p>Thread-safety: implementations must be safe for concurrent use on one instance; models load
 * on first use; {@link #close()} is idempotent.
 */
public interface LandmarkDetector extends AutoCloseable {

    /** The provider name, e.g. {@code dlib-68}. */
    String name();

    /** The scheme of the landmarks it returns. */
    LandmarkScheme scheme();

    /** Landmarks of the face in {@code box}, in image pixels. */
    Landmarks locate(RgbImage image, FaceBox box);

    /** Provenance of the model it uses. */
    java.util.List<ModelInfo> models();

    @Override
    void close();
}
