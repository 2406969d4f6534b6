package org.facecensus.spi;

import java.util.Objects;

import org.facecensus.detect.DetectorOptions;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.inference.ExecutionDevice;

/**
 * What a provider gets to build its component: where models are cached, which device to run
 * inference on, and the common detector settings (ignored by other components).
 *
 * <p>Thread-safety: immutable.
 */
public record ProviderContext(ModelStore models, ExecutionDevice device, DetectorOptions detectorOptions) {
    public ProviderContext {
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(detectorOptions, "detectorOptions");
    }

    public ProviderContext(ModelStore models, ExecutionDevice device) {
        this(models, device, DetectorOptions.defaults());
    }

    /** The default model cache and the device named by {@code -Dfacecensus.device} (default AUTO). */
    public static ProviderContext defaults() {
        return new ProviderContext(ModelStore.defaultStore(), ExecutionDevice.fromSystemProperty());
    }
}
