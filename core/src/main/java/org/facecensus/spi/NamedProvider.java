package org.facecensus.spi;

/**
 * A factory for one pipeline component, found with {@link java.util.ServiceLoader} or registered
 * with {@code FaceCensus.builder().register(...)}. Selection order: an explicit name, else the component's
 * system property (e.g. {@code -Dfacecensus.detector=NAME}), else the highest {@link #priority()}.
 *
 * <p>Implementations must have a public no-argument constructor, be cheap to construct (load
 * models in the component, on first use, not here) and be thread-safe.
 *
 * @param <T> the component type
 */
public interface NamedProvider<T> {

    /** Unique name users select it by: lower-case, digits and '-', e.g. {@code blazeface}. */
    String name();

    /** One line for listings: what it is and which models it uses. */
    String description();

    /** Higher wins when nothing is named; built-ins use 0-100 by measured accuracy. */
    default int priority() {
        return 0;
    }

    /**
     * The {@link ProviderOptions} types this provider reads from its context (for example
     * {@code DlibHogOptions}), so callers can say "this option does not apply to that provider"
     * instead of silently ignoring it. Default: none.
     */
    default java.util.Set<Class<? extends ProviderOptions>> optionTypes() {
        return java.util.Set.of();
    }

    /** A new component; cheap, no model is loaded yet. */
    T create(ProviderContext context);
}
