package org.facecensus.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.facecensus.detect.DetectorOptions;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.inference.ExecutionDevice;

/**
 * What a provider gets to build its component: where models are cached, which device to run
 * inference on, the settings every detector understands, and providers' own typed options
 * ({@link ProviderOptions}, at most one value per class; a provider looks up only its own).
 *
 * <p>Thread-safety: immutable.
 *
 * @param models          the model cache, checked against pinned sha256 before every load
 * @param device          where inference runs ({@code AUTO}: CUDA when present, else CPU)
 * @param detectorOptions minimum face size and score, understood by every detector
 * @param providerOptions typed options of individual providers
 */
public record ProviderContext(ModelStore models, ExecutionDevice device, DetectorOptions detectorOptions,
                              List<ProviderOptions> providerOptions) {
    public ProviderContext {
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(detectorOptions, "detectorOptions");
        providerOptions = List.copyOf(providerOptions);
        for (int i = 0; i < providerOptions.size(); i++) {
            for (int j = i + 1; j < providerOptions.size(); j++) {
                if (providerOptions.get(i).getClass() == providerOptions.get(j).getClass()) {
                    throw new IllegalArgumentException("two " + providerOptions.get(i).getClass().getSimpleName()
                            + " values given; give each provider's options once");
                }
            }
        }
    }

    public ProviderContext(ModelStore models, ExecutionDevice device, DetectorOptions detectorOptions) {
        this(models, device, detectorOptions, List.of());
    }

    public ProviderContext(ModelStore models, ExecutionDevice device) {
        this(models, device, DetectorOptions.defaults());
    }

    /** The default model cache and the device named by {@code -Dfacecensus.device} (default AUTO). */
    public static ProviderContext defaults() {
        return new ProviderContext(ModelStore.defaultStore(), ExecutionDevice.fromSystemProperty());
    }

    /** The options of type {@code type}, when the caller gave them. */
    public <T extends ProviderOptions> Optional<T> options(Class<T> type) {
        return providerOptions.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** This context with {@code options} added, replacing a value of the same class. */
    public ProviderContext withOptions(ProviderOptions options) {
        Objects.requireNonNull(options, "options");
        List<ProviderOptions> all = new ArrayList<>(providerOptions);
        all.removeIf(o -> o.getClass() == options.getClass());
        all.add(options);
        return new ProviderContext(models, device, detectorOptions, all);
    }

    public ProviderContext withDetectorOptions(DetectorOptions options) {
        return new ProviderContext(models, device, options, providerOptions);
    }

    public ProviderContext withModels(ModelStore store) {
        return new ProviderContext(store, device, detectorOptions, providerOptions);
    }

    public ProviderContext withDevice(ExecutionDevice executionDevice) {
        return new ProviderContext(models, executionDevice, detectorOptions, providerOptions);
    }
}
