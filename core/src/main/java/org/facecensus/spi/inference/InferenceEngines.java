package org.facecensus.spi.inference;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.facecensus.FaceCensusException;
import org.facecensus.model.ModelInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@link InferenceEngine} for a model file among those on the classpath.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class InferenceEngines {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceEngines.class);
    private static volatile List<InferenceEngine> engines;

    private InferenceEngines() {
    }

    private static List<InferenceEngine> engines() {
        List<InferenceEngine> found = engines;
        if (found == null) {
            found = new ArrayList<>();
            var it = ServiceLoader.load(InferenceEngine.class, InferenceEngines.class.getClassLoader()).iterator();
            while (true) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    found.add(it.next());
                } catch (ServiceConfigurationError | LinkageError e) {
                    LOG.warn("Skipping an inference engine that failed to load: {}", e.getMessage());
                }
            }
            engines = List.copyOf(found);
        }
        return engines;
    }

    /** Opens {@code file} with the first engine that supports it. */
    public static InferenceSession open(Path file, ModelInfo info, ExecutionDevice device) {
        for (InferenceEngine engine : engines()) {
            if (engine.supports(file)) {
                return engine.open(file, info, device);
            }
        }
        throw new FaceCensusException("No inference engine on the classpath can run " + file.getFileName()
                + " (model '" + info.name() + "'). Add the artifact org.facecensus:facecensus-backend-onnx."
                + (engines().isEmpty() ? "" : " Engines found: "
                + engines().stream().map(InferenceEngine::name).toList()));
    }
}
