package org.facecensus.spi;

import org.facecensus.classify.GenderClassifier;

/**
 * Service-provider interface for {@link GenderClassifier} implementations. Register the implementation's
 * class name in {@code META-INF/services/org.facecensus.spi.GenderClassifierProvider}.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface GenderClassifierProvider extends NamedProvider<GenderClassifier> {
}
