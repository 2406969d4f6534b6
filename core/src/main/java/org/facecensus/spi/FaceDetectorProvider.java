package org.facecensus.spi;

import org.facecensus.detect.FaceDetector;

/**
 * Service-provider interface for {@link FaceDetector} implementations. Register the implementation's
 * class name in {@code META-INF/services/org.facecensus.spi.FaceDetectorProvider}.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface FaceDetectorProvider extends NamedProvider<FaceDetector> {
}
