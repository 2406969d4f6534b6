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

    /**
     * Derives what the fetched models need before first use (e.g. converts TF.js weights to ONNX)
     * and returns the files it made or found, for {@code facecensus models fetch} to report. Runs
     * after every fetch; must be idempotent and cheap when the files exist. Default: nothing.
     *
     * @param store the cache the models were fetched into
     */
    default List<java.nio.file.Path> prepare(org.facecensus.model.ModelStore store) {
        return List.of();
    }
}
