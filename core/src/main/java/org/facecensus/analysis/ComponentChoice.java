package org.facecensus.analysis;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.facecensus.spi.ProviderContext;

/**
 * How a {@link FaceAnalyzer.Builder} was told to get one component: by provider name (null: the registry's
 * default), as an instance the caller owns, made by a factory (with a label for outputs), or switched off.
 *
 * <p>Thread-safety: immutable.
 */
record ComponentChoice<T>(boolean enabled, String name, T instance, Function<ProviderContext, T> factory) {
    static <T> ComponentChoice<T> byDefault() {
        return new ComponentChoice<>(true, null, null, null);
    }

    static <T> ComponentChoice<T> named(String name) {
        return new ComponentChoice<>(true, name, null, null);
    }

    static <T> ComponentChoice<T> given(T instance) {
        return new ComponentChoice<>(true, null, Objects.requireNonNull(instance, "instance"), null);
    }

    static <T> ComponentChoice<T> made(String label, Function<ProviderContext, T> factory) {
        return new ComponentChoice<>(true, label, null, Objects.requireNonNull(factory, "factory"));
    }

    static <T> ComponentChoice<T> none() {
        return new ComponentChoice<>(false, null, null, null);
    }

    /** The provider this choice will create from, when it creates one by name. */
    <P> Optional<P> provider(Function<String, P> select) {
        return enabled && instance == null && factory == null ? Optional.of(select.apply(name)) : Optional.empty();
    }
}
