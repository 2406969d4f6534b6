package org.facecensus.spi;

import java.util.List;

/**
 * The providers of one component kind that a {@code FaceCensus} offers, and the rule that picks one: an
 * explicit name, else the kind's system property (e.g. {@code -Dfacecensus.detector=NAME}), else the single
 * highest {@link NamedProvider#priority()}. Read-only: providers are added with
 * {@code FaceCensus.builder().register(...)} or found with {@link java.util.ServiceLoader}.
 *
 * <p>Thread-safety: thread-safe; the list never changes once the {@code FaceCensus} is built.
 *
 * @param <P> the provider interface
 */
public interface Providers<P extends NamedProvider<?>> {

    /** Every provider, highest priority first (ties by name). */
    List<P> all();

    /**
     * The provider to use.
     *
     * @param name a name the caller chose, or null to fall back to the system property and then to priority
     * @throws org.facecensus.FaceCensusException when none or several match; the message lists what was found,
     *                                            names the module that provides an unknown name when one is known,
     *                                            and says how to choose
     */
    P select(String name);

    /** The system property that names one, e.g. {@code facecensus.detector}. */
    String property();
}
