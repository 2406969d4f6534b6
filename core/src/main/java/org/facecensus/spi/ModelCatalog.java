package org.facecensus.spi;

import java.util.List;

import org.facecensus.model.ModelSpec;

/**
 * The models a module needs, for {@code facecensus models fetch|list|verify}. Register in
 * {@code META-INF/services/org.facecensus.spi.ModelCatalog}.
 *
 * <p>Thread-safety: implementations must be immutable.
 */
public interface ModelCatalog {
    List<ModelSpec> models();
}
