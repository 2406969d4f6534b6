package org.facecensus.spi;

import org.facecensus.classify.FaceEmbedder;

/**
 * Service-provider interface for {@link FaceEmbedder} implementations. Register the
 * implementation's class name in {@code META-INF/services/org.facecensus.spi.FaceEmbedderProvider}.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface FaceEmbedderProvider extends NamedProvider<FaceEmbedder> {
}
