package org.facecensus.detect;

import java.util.List;

import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;

/**
 * Finds faces in an image. Obtain one with {@link org.facecensus.FaceCensus#detector()} (the best
 * available), {@link org.facecensus.FaceCensus#detector(String)} (by name), or implement
 * {@link org.facecensus.spi.FaceDetectorProvider} to plug in your own.
 *
 * <p>Thread-safety: implementations must be safe to call from several threads at once on one
 * instance; an implementation that is not says so in its own documentation. Models load on the
 * first call to {@link #detect}. {@link #close()} frees native resources and is idempotent;
 * detecting after close throws.
 */
public interface FaceDetector extends AutoCloseable {

    /** The provider name this detector was created under, e.g. {@code blazeface}. */
    String name();

    /** Faces in {@code image}, boxes and landmarks in its pixel coordinates. */
    Detections detect(RgbImage image);

    /** The models this detector uses, with their provenance (known before they are loaded). */
    List<ModelInfo> models();

    /** The settings in effect, for the {@code params} field of outputs. */
    java.util.Map<String, Object> parameters();

    @Override
    void close();
}
