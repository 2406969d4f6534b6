package org.facecensus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.facecensus.FaceCensusException;
import org.facecensus.detect.Detections;
import org.facecensus.detect.FaceDetector;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.spi.FaceDetectorProvider;
import org.facecensus.spi.ProviderContext;
import org.facecensus.timing.StageTimings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider discovery and selection through a real {@link java.util.ServiceLoader}: each test writes a
 * {@code META-INF/services} file into a temporary folder and loads it with a URLClassLoader.
 */
public class ProviderRegistryTest {
    private static final String PROPERTY = "facecensus.detector";
    private static final String ARTIFACT = "org.facecensus:facecensus-detector-dlib-onnx";

    @TempDir
    Path classpath;

    private final String savedProperty = System.getProperty(PROPERTY);
    private URLClassLoader loader;

    @AfterEach
    void restore() throws IOException {
        if (savedProperty == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, savedProperty);
        }
        if (loader != null) {
            loader.close();
        }
    }

    /** A registry filled by ServiceLoader from a services file listing {@code entries}. */
    private ProviderRegistry<FaceDetectorProvider> registryWith(String... entries) throws IOException {
        if (entries.length > 0) {
            Path services = classpath.resolve("META-INF/services/" + FaceDetectorProvider.class.getName());
            Files.createDirectories(services.getParent());
            StringBuilder text = new StringBuilder("# written by ProviderRegistryTest\n\n");
            for (String entry : entries) {
                text.append(entry).append("   # provider\n");
            }
            Files.writeString(services, text.toString());
        }
        loader = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, getClass().getClassLoader());
        return new ProviderRegistry<>(FaceDetectorProvider.class, "face detector", PROPERTY, ARTIFACT)
                .loadServices(loader);
    }

    private static String n(Class<?> type) {
        return type.getName();
    }

    private static List<String> names(ProviderRegistry<FaceDetectorProvider> registry) {
        return registry.all().stream().map(FaceDetectorProvider::name).toList();
    }

    @Test
    void noProviderSaysSoAndNamesTheArtifact() throws IOException {
        ProviderRegistry<FaceDetectorProvider> registry = registryWith();
        assertTrue(registry.all().isEmpty());
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> registry.select(null));
        assertTrue(e.getMessage().contains("No face detector provider found"), e.getMessage());
        assertTrue(e.getMessage().contains(ARTIFACT), e.getMessage());
        assertTrue(e.getMessage().contains("FaceCensus.builder().register"), e.getMessage());
    }

    @Test
    void singleProviderIsSelected() throws IOException {
        ProviderRegistry<FaceDetectorProvider> registry = registryWith(n(Alpha.class));
        FaceDetectorProvider chosen = registry.select(null);
        assertInstanceOf(Alpha.class, chosen);
        try (FaceDetector detector = chosen.create(ProviderContext.defaults())) {
            assertEquals("alpha", detector.name());
        }
    }

    @Test
    void higherPriorityWins() throws IOException {
        ProviderRegistry<FaceDetectorProvider> registry = registryWith(n(Alpha.class), n(Beta.class));
        assertEquals(List.of("beta", "alpha"), names(registry));
        assertInstanceOf(Beta.class, registry.select(null));
        assertInstanceOf(Beta.class, registry.select("  "), "a blank name means no name");
    }

    @Test
    void tieAtTheTopIsAnErrorListingBothAndHowToChoose() throws IOException {
        ProviderRegistry<FaceDetectorProvider> registry = registryWith(n(Alpha.class), n(Beta.class), n(Gamma.class));
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> registry.select(null));
        String m = e.getMessage();
        assertTrue(m.contains("beta (priority 20, " + n(Beta.class) + ")"), m);
        assertTrue(m.contains("gamma (priority 20, " + n(Gamma.class) + ")"), m);
        assertTrue(!m.contains("alpha"), "only the tied ones are listed: " + m);
        assertTrue(m.contains("-D" + PROPERTY + "=NAME"), m);
        // Naming one resolves the tie.
        assertInstanceOf(Gamma.class, registry.select("gamma"));
        assertInstanceOf(Beta.class, registry.select(" beta "));
        assertInstanceOf(Alpha.class, registry.select("alpha"), "a lower priority can still be named");
    }

    @Test
    void systemPropertyChoosesAndAnExplicitNameBeatsIt() throws IOException {
        ProviderRegistry<FaceDetectorProvider> registry = registryWith(n(Alpha.class), n(Beta.class));
        System.setProperty(PROPERTY, "alpha");
        assertInstanceOf(Alpha.class, registry.select(null));
        assertInstanceOf(Beta.class, registry.select("beta"));

        System.setProperty(PROPERTY, "nope");
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> registry.select(null));
        assertTrue(e.getMessage().contains("-D" + PROPERTY), "says where the name came from: " + e.getMessage());
    }

    @Test
    void unknownNameListsWhatIsAvailable() throws IOException {
        ProviderRegistry<FaceDetectorProvider> registry = registryWith(n(Alpha.class), n(Beta.class));
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> registry.select("nope"));
        String m = e.getMessage();
        assertTrue(m.contains("No face detector named 'nope'"), m);
        assertTrue(m.contains("Available: beta (priority 20, " + n(Beta.class) + "), alpha (priority 10"), m);
        assertTrue(m.contains("-D" + PROPERTY + "=NAME"), m);
        assertTrue(!m.contains("artifact"), "no artifact is suggested for a name nobody ships: " + m);
    }

    /** Writes a provider manifest for the artifact {@code org.example:plugin} into the test classpath. */
    private void manifest(String... lines) throws IOException {
        Path file = classpath.resolve(ProviderManifest.RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "artifact=org.example:plugin\n" + String.join("\n", lines) + "\n");
    }

    @Test
    void nameOfAnotherKindSaysWhichKindAndModule() throws IOException {
        manifest("org.facecensus.spi.LandmarkDetectorProvider=my-landmarks, other");
        ProviderRegistry<FaceDetectorProvider> registry = registryWith(n(Alpha.class));
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> registry.select("my-landmarks"));
        String m = e.getMessage();
        assertTrue(m.contains("'my-landmarks' is a landmark detector (from org.example:plugin), not a face detector"), m);
        assertTrue(m.contains("Available: alpha"), m);
    }

    @Test
    void nameOfAModuleWhoseProviderFailedNamesTheModuleAndTheFailure() throws IOException {
        manifest("org.facecensus.spi.FaceDetectorProvider=exploding, alpha");
        ProviderRegistry<FaceDetectorProvider> registry = registryWith(n(Alpha.class), n(Exploding.class));
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> registry.select("exploding"));
        String m = e.getMessage();
        assertTrue(m.contains("registered by org.example:plugin, which is on the classpath, but its face detector"
                + " provider did not load"), m);
        assertTrue(m.contains(n(Exploding.class)), "quotes the load failure: " + m);
    }

    @Test
    void nameNoManifestKnowsIsUnknownAndSaysHowModulesRegister() throws IOException {
        ProviderRegistry<FaceDetectorProvider> empty = new ProviderRegistry<>(FaceDetectorProvider.class,
                "face detector", PROPERTY, ARTIFACT);
        FaceCensusException none = assertThrows(FaceCensusException.class, () -> empty.select("blazeface"));
        String m = none.getMessage();
        assertTrue(m.contains("No face detector named 'blazeface'"), m);
        assertTrue(m.contains("unknown here"), m);
        assertTrue(m.contains("register their providers through ServiceLoader (META-INF/services/"
                + FaceDetectorProvider.class.getName() + ")"), m);
        assertTrue(m.contains("No face detector provider is on the classpath"), m);
        assertEquals("gender classifier", ProviderRegistry.kindOf("org.facecensus.spi.GenderClassifierProvider"));
    }

    @Test
    void providersThatFailToLoadAreSkippedWithAWarning() throws IOException {
        PrintStream savedErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProviderRegistry<FaceDetectorProvider> registry;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            registry = registryWith(
                    "org.facecensus.internal.NoSuchProvider",   // class does not exist
                    n(Alpha.class),
                    n(Exploding.class),                          // constructor throws
                    n(NotAProvider.class),                       // wrong type
                    n(NoPublicConstructor.class),                // cannot be instantiated
                    n(Beta.class));
        } finally {
            System.setErr(savedErr);
        }
        assertEquals(List.of("beta", "alpha"), names(registry));
        assertInstanceOf(Beta.class, registry.select(null));
        String log = err.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("NoSuchProvider"), "warning names the missing class: " + log);
        assertTrue(log.contains("Exploding"), "warning names the failing class: " + log);
        assertTrue(log.contains("WARN"), log);
    }

    @Test
    void duplicateNamesAreReportedWhenSelected() throws IOException {
        ProviderRegistry<FaceDetectorProvider> registry = registryWith(n(Alpha.class), n(OtherAlpha.class));
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> registry.select("alpha"));
        String m = e.getMessage();
        assertTrue(m.contains("Several face detector providers are named 'alpha'"), m);
        assertTrue(m.contains(n(Alpha.class)) && m.contains(n(OtherAlpha.class)), m);
        assertTrue(m.contains("Remove all but one"), m);
    }

    @Test
    void lowestPossiblePriorityNeverBeatsAnOrdinaryOne() throws IOException {
        ProviderRegistry<FaceDetectorProvider> registry = registryWith(n(Lowest.class), n(Alpha.class));
        assertEquals(List.of("alpha", "lowest"), names(registry));
        assertInstanceOf(Alpha.class, registry.select(null));
        ProviderRegistry<FaceDetectorProvider> highest = new ProviderRegistry<>(FaceDetectorProvider.class,
                "face detector", PROPERTY, ARTIFACT);
        highest.register(new Alpha());
        highest.register(new Provider("top", Integer.MAX_VALUE));
        assertEquals("top", highest.select(null).name());
    }

    @Test
    void programmaticRegistrationJoinsServiceLoaderProviders() throws IOException {
        ProviderRegistry<FaceDetectorProvider> registry = registryWith(n(Alpha.class));
        Provider mine = new Provider("mine", 50);
        registry.register(mine);
        assertEquals(List.of("mine", "alpha"), names(registry));
        assertSame(mine, registry.select(null));
        assertEquals(PROPERTY, registry.property());
    }

    // ---- test providers: public, with public no-argument constructors, as ServiceLoader requires ----

    /** A provider with a fixed name and priority that creates a do-nothing detector. */
    public static class Provider implements FaceDetectorProvider {
        private final String name;
        private final int priority;

        public Provider(String name, int priority) {
            this.name = name;
            this.priority = priority;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "test provider " + name;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public FaceDetector create(ProviderContext context) {
            return new StubDetector(name);
        }
    }

    public static class Alpha extends Provider {
        public Alpha() {
            super("alpha", 10);
        }
    }

    public static class OtherAlpha extends Provider {
        public OtherAlpha() {
            super("alpha", 5);
        }
    }

    public static class Beta extends Provider {
        public Beta() {
            super("beta", 20);
        }
    }

    public static class Gamma extends Provider {
        public Gamma() {
            super("gamma", 20);
        }
    }

    public static class Lowest extends Provider {
        public Lowest() {
            super("lowest", Integer.MIN_VALUE);
        }
    }

    public static class Exploding extends Provider {
        public Exploding() {
            super("exploding", 99);
            throw new IllegalStateException("native library missing");
        }
    }

    public static class NoPublicConstructor extends Provider {
        NoPublicConstructor() {
            super("hidden", 99);
        }
    }

    public static class NotAProvider {
        public NotAProvider() {
        }
    }

    /** A detector that finds nothing. */
    public static final class StubDetector implements FaceDetector {
        private final String name;

        public StubDetector(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Detections detect(RgbImage image) {
            return new Detections(List.of(), StageTimings.empty());
        }

        @Override
        public List<ModelInfo> models() {
            return List.of();
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of();
        }

        @Override
        public void close() {
        }
    }
}
