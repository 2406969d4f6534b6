package org.facecensus.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.facecensus.FaceCensusException;
import org.facecensus.spi.NamedProvider;
import org.facecensus.spi.Providers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of one component kind and the rule that picks one: explicit name, else the kind's
 * system property, else the single highest priority. Every failure message lists what was found
 * and says how to choose; for a name nothing provides it adds what the modules' provider manifests
 * ({@link ProviderManifest}) know about it.
 *
 * <p>Thread-safety: thread-safe; registration and selection may interleave.
 *
 * @param <P> the provider interface
 */
public final class ProviderRegistry<P extends NamedProvider<?>> implements Providers<P> {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

    private final Class<P> type;
    private final String kind;
    private final String property;
    private final String defaultArtifact;
    private final List<P> providers = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;
    /** The loaders services came from: their provider manifests explain a name that is missing. */
    private final List<ClassLoader> loaders = new CopyOnWriteArrayList<>();
    /** Why providers failed to load, quoted when a name they would have provided is asked for. */
    private final List<String> loadFailures = new CopyOnWriteArrayList<>();

    /**
     * @param kind            what users call the component, e.g. "face detector"
     * @param property        the system property that names one, e.g. {@code facecensus.detector}
     * @param defaultArtifact the artifact to suggest when none is found
     */
    public ProviderRegistry(Class<P> type, String kind, String property, String defaultArtifact) {
        this.type = type;
        this.kind = kind;
        this.property = property;
        this.defaultArtifact = defaultArtifact;
    }

    /** Adds every provider {@link ServiceLoader} finds; one that fails to load is skipped with a warning. */
    public ProviderRegistry<P> loadServices(ClassLoader loader) {
        loaders.add(loader);
        Iterator<P> it = ServiceLoader.load(type, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                P provider = it.next();
                providers.add(provider);
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.warn("Skipping a {} provider that failed to load: {}", kind, e.getMessage());
                loadFailures.add(String.valueOf(e.getMessage()));
            }
        }
        return this;
    }

    /**
     * Adds a provider. Only while the registry is being set up: a {@code FaceCensus} freezes its
     * registries when built, so that the providers an instance offers never change under its users.
     *
     * @throws IllegalStateException after {@link #freeze()}
     */
    public void register(P provider) {
        if (frozen) {
            throw new IllegalStateException("The " + kind + " providers of a built FaceCensus are fixed; register "
                    + provider.name() + " with FaceCensus.builder().register(...) instead.");
        }
        providers.add(provider);
    }

    /** Refuses further {@link #register} calls. */
    public void freeze() {
        frozen = true;
    }

    @Override
    public List<P> all() {
        // reversed(), not a negated key: -Integer.MIN_VALUE overflows and would sort the lowest first.
        return providers.stream().sorted(Comparator.comparingInt((P p) -> p.priority()).reversed()
                .thenComparing(NamedProvider::name)).toList();
    }

    @Override
    public String property() {
        return property;
    }

    /**
     * The provider to use.
     *
     * @param explicitName a name the caller chose, or null to fall back to the system property and
     *                     then to priority
     */
    @Override
    public P select(String explicitName) {
        List<P> all = all();
        String requested = explicitName;
        String how = "requested";
        if (requested == null || requested.isBlank()) {
            requested = System.getProperty(property);
            how = "requested by -D" + property;
        }
        if (requested != null && !requested.isBlank()) {
            String name = requested.trim();
            List<P> named = all.stream().filter(p -> p.name().equals(name)).toList();
            if (named.size() == 1) {
                return named.get(0);
            }
            if (named.isEmpty()) {
                throw new FaceCensusException("No " + kind + " named '" + name + "' (" + how + "). "
                        + whereFrom(name) + found(all) + chooseHint());
            }
            throw new FaceCensusException("Several " + kind + " providers are named '" + name + "': "
                    + describe(named) + ". Remove all but one of their jars from the classpath.");
        }
        if (all.isEmpty()) {
            throw new FaceCensusException("No " + kind + " provider found on the classpath. Add one, e.g. the artifact "
                    + defaultArtifact + ", or register your own with FaceCensus.builder().register(...).");
        }
        int top = all.get(0).priority();
        List<P> best = all.stream().filter(p -> p.priority() == top).toList();
        if (best.size() > 1) {
            throw new FaceCensusException("Several " + kind + " providers share the highest priority " + top + ": "
                    + describe(best) + ". " + chooseHint());
        }
        P chosen = best.get(0);
        if (all.size() > 1) {
            LOG.info("Using {} '{}' (highest priority, {}) of {}. {}", kind, chosen.name(), top,
                    all.stream().map(NamedProvider::name).collect(Collectors.joining(", ")), chooseHint());
        }
        return chosen;
    }

    /**
     * What the modules' provider manifests say about a name that no loaded provider has: which
     * module registers it (whose provider then failed to load), or of which other kind it is.
     */
    private String whereFrom(String name) {
        List<ProviderManifest> manifests = new ArrayList<>();
        for (ClassLoader loader : loaders.isEmpty() ? List.of(defaultLoader()) : loaders) {
            manifests.addAll(ProviderManifest.onClasspath(loader));
        }
        StringBuilder hint = new StringBuilder();
        for (ProviderManifest m : manifests) {
            if (m.names(type).contains(name)) {
                return "It is registered by " + m.artifact() + ", which is on the classpath, but its " + kind
                        + " provider did not load" + (loadFailures.isEmpty() ? "" : " (" + String.join("; ", loadFailures)
                        + ")") + ": check that module's own dependencies. ";
            }
            m.namesByKind().forEach((otherKind, names) -> {
                if (names.contains(name)) {
                    hint.append("'").append(name).append("' is a ").append(kindOf(otherKind)).append(" (from ")
                            .append(m.artifact()).append("), not a ").append(kind).append(". ");
                }
            });
        }
        if (hint.length() > 0) {
            return hint.toString();
        }
        return "No module on the classpath declares that name, so it is unknown here; FaceCensus modules register"
                + " their providers through ServiceLoader (META-INF/services/" + type.getName() + "): add the one"
                + " that provides it, or register your own with FaceCensus.register(...). ";
    }

    /** "org.facecensus.spi.LandmarkDetectorProvider" as users say it: "landmark detector". */
    static String kindOf(String serviceInterface) {
        String simple = serviceInterface.substring(serviceInterface.lastIndexOf('.') + 1).replaceFirst("Provider$", "");
        return simple.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    private static ClassLoader defaultLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ProviderRegistry.class.getClassLoader();
    }

    private String found(List<P> all) {
        return all.isEmpty() ? "No " + kind + " provider is on the classpath. "
                : "Available: " + describe(all) + ". ";
    }

    private String chooseHint() {
        return "Choose one by name (CLI option, or -D" + property + "=NAME).";
    }

    private static String describe(List<? extends NamedProvider<?>> providers) {
        List<String> parts = new ArrayList<>();
        for (NamedProvider<?> p : providers) {
            parts.add(p.name() + " (priority " + p.priority() + ", " + p.getClass().getName() + ")");
        }
        return String.join(", ", parts);
    }
}
