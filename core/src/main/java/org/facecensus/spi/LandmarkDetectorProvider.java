package org.facecensus.spi;

import org.facecensus.detect.LandmarkDetector;

/**
 * Service-provider interface for {@link LandmarkDetector} implementations. Register the
 * implementation's class name in {@code META-INF/services/org.facecensus.spi.LandmarkDetectorProvider}.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface LandmarkDetectorProvider extends NamedProvider<LandmarkDetector> {
}
