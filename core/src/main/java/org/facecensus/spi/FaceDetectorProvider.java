package org.facecensus.spi;

import java.util.Optional;

import org.facecensus.detect.FaceDetector;
import org.facecensus.detect.MeasuredRecall;

/**
 * Service-provider interface for {@link FaceDetector} implementations. Register the implementation's
 * class name in {@code META-INF/services/org.facecensus.spi.FaceDetectorProvider}.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface FaceDetectorProvider extends NamedProvider<FaceDetector> {

    /**
     * The detector's recall with its default settings, where it was measured; reports quote it.
     * It lives with the provider so that it travels with the detector, plugins included.
     */
    default Optional<MeasuredRecall> measuredRecall() {
        return Optional.empty();
    }
}
