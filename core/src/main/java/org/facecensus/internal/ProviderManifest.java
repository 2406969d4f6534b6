package org.facecensus.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.facecensus.spi.NamedProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one module says it registers: the resource {@value #RESOURCE}, a properties file with the
 * module's Maven coordinates under {@code artifact} and, under each service interface's class name,
 * the provider names it registers for it, comma-separated:
 * <pre>
 * artifact=org.facecensus:facecensus-detector-dlib-onnx
 * org.facecensus.spi.LandmarkDetectorProvider=dlib-68, landmark68-net
 * </pre>
 * {@link ProviderRegistry} reads every such resource on the classpath when a name is not found, to
 * say which module a name belongs to and of what kind it is, even when that module's providers
 * failed to load. Each module's test checks its file against its ServiceLoader files with
 * {@link #verifyModule}, so the two cannot drift apart.
 *
 * <p>Thread-safety: immutable.
 *
 * @param source      where it was read from, for messages
 * @param artifact    the module's {@code groupId:artifactId}
 * @param namesByKind provider names by service interface class name, each list sorted
 */
public record ProviderManifest(String source, String artifact, Map<String, List<String>> namesByKind) {
    /** Where each module keeps its manifest. */
    public static final String RESOURCE = "META-INF/facecensus/providers.properties";
    private static final String ARTIFACT = "artifact";
    private static final Logger LOG = LoggerFactory.getLogger(ProviderManifest.class);

    public ProviderManifest {
        namesByKind = Collections.unmodifiableMap(new TreeMap<>(namesByKind));
    }

    /** The names this module registers for the service interface {@code spi}. */
    public List<String> names(Class<?> spi) {
        return namesByKind.getOrDefault(spi.getName(), List.of());
    }

    /** Every manifest {@code loader} sees; an unreadable one is skipped with a warning (they only feed hints). */
    public static List<ProviderManifest> onClasspath(ClassLoader loader) {
        List<ProviderManifest> out = new ArrayList<>();
        try {
            Enumeration<URL> urls = loader.getResources(RESOURCE);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                try (InputStream in = url.openStream()) {
                    out.add(parse(url.toString(), in));
                } catch (IOException | IllegalArgumentException e) {
                    LOG.warn("Skipping the provider manifest {}: {}", url, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not list the provider manifests ({}): {}", RESOURCE, e.getMessage());
        }
        return out;
    }

    static ProviderManifest parse(String source, InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        String artifact = p.getProperty(ARTIFACT, "").strip();
        if (artifact.isEmpty()) {
            throw new IllegalArgumentException(source + " names no '" + ARTIFACT + "'");
        }
        Map<String, List<String>> names = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (!key.equals(ARTIFACT)) {
                names.put(key, Arrays.stream(p.getProperty(key).split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).sorted().toList());
            }
        }
        return new ProviderManifest(source, artifact, names);
    }

    /**
     * Checks a module's manifest against its own {@code META-INF/services} files: both must name
     * exactly the same providers for every {@link NamedProvider} kind. For the module's tests.
     *
     * @param moduleClass any class of the module, to find its classes folder
     * @throws IllegalStateException listing every difference
     */
    public static void verifyModule(Class<?> moduleClass) {
        Path root;
        try {
            root = Path.of(moduleClass.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the classes of " + moduleClass, e);
        }
        ClassLoader loader = moduleClass.getClassLoader();
        List<String> problems = new ArrayList<>();
        Path file = root.resolve(RESOURCE);
        ProviderManifest declared;
        try (InputStream in = Files.newInputStream(file)) {
            declared = parse(file.toString(), in);
        } catch (IOException e) {
            throw new IllegalStateException(root + " has no readable " + RESOURCE + " (" + e + "); add one that lists"
                    + " the module's artifact and provider names.", e);
        }
        Map<String, List<String>> registered = registered(root.resolve("META-INF/services"), loader);
        for (String kind : union(declared.namesByKind().keySet(), registered.keySet())) {
            List<String> want = registered.getOrDefault(kind, List.of());
            List<String> got = declared.namesByKind().getOrDefault(kind, List.of());
            if (!want.equals(got)) {
                problems.add(kind + ": ServiceLoader registers " + want + " but " + RESOURCE + " lists " + got);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The provider manifest of " + root + " disagrees with its services files:\n"
                    + String.join("\n", problems));
        }
    }

    /** The provider names each services file in {@code services} registers, for NamedProvider kinds only. */
    private static Map<String, List<String>> registered(Path services, ClassLoader loader) {
        Map<String, List<String>> out = new TreeMap<>();
        if (!Files.isDirectory(services)) {
            return out;
        }
        try (Stream<Path> files = Files.list(services)) {
            for (Path f : files.sorted().toList()) {
                String kind = f.getFileName().toString();
                if (!NamedProvider.class.isAssignableFrom(Class.forName(kind, false, loader))) {
                    continue; // e.g. ModelCatalog, InferenceEngine: not chosen by name
                }
                List<String> names = new ArrayList<>();
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    String className = line.replaceFirst("#.*", "").strip();
                    if (!className.isEmpty()) {
                        Object provider = Class.forName(className, true, loader).getConstructor().newInstance();
                        names.add(((NamedProvider<?>) provider).name());
                    }
                }
                out.put(kind, names.stream().sorted().toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("A provider in " + services + " cannot be created: " + e, e);
        }
        return out;
    }

    private static List<String> union(Set<String> a, Set<String> b) {
        java.util.TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
