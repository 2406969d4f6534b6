package org.facecensus.spi;

import java.util.Objects;

import org.facecensus.model.ModelStore;
import org.facecensus.spi.inference.ExecutionDevice;

/**
 * What a provider gets to build its component: where models are cached and which device to run
 * inference on.
 *
 * <p>Thread-safety: immutable.
 */
public record ProviderContext(ModelStore models, ExecutionDevice device) {
    public ProviderContext {
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(device, "device");
    }

    /** The default model cache and the device named by {@code -Dfacecensus.device} (default AUTO). */
    public static ProviderContext defaults() {
        return new ProviderContext(ModelStore.defaultStore(), ExecutionDevice.fromSystemProperty());
    }
}
