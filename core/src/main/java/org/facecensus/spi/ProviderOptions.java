package org.facecensus.spi;

/**
 * A provider's own typed settings, declared in the provider's module (for example {@code DlibHogOptions}
 * in {@code detector-dlib-onnx}) and handed to it through {@link ProviderContext#options(Class)}. Core knows
 * only this marker, so a setting that means something to one provider never becomes a field every provider
 * must ignore.
 *
 * <p>Implementations should be immutable records; a context holds at most one value per class.
 *
 * <p>Thread-safety: implementations must be immutable.
 */
public interface ProviderOptions {
}
