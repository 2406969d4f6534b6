package org.facecensus.spi;

import org.facecensus.align.FaceAligner;

/**
 * Service-provider interface for {@link FaceAligner} implementations. Register the implementation's
 * class name in {@code META-INF/services/org.facecensus.spi.FaceAlignerProvider}.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface FaceAlignerProvider extends NamedProvider<FaceAligner> {
}
