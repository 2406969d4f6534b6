package org.facecensus.spi;

import org.facecensus.text.DescriptionMiner;

/**
 * Service-provider interface for {@link DescriptionMiner} implementations. Register the implementation's
 * class name in {@code META-INF/services/org.facecensus.spi.DescriptionMinerProvider}.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface DescriptionMinerProvider extends NamedProvider<DescriptionMiner> {
}
