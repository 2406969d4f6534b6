package org.facecensus.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.facecensus.FaceCensusException;
import org.facecensus.io.Sha256;

/**
 * The local model cache. Models are fetched into it once (see {@link ModelFetcher}) and loaded
 * from it offline afterwards; every file is verified against its pinned sha256 before use.
 *
 * <p>Location, first match wins: system property {@value #DIR_PROPERTY}, environment variable
 * {@value #DIR_ENV}, else {@code ~/.cache/facecensus/models}. Layout: {@code <dir>/<name>/<version>/<file>}.
 *
 * <p>Thread-safety: thread-safe. A file's verification is remembered (by size and modification
 * time, for the sha256 it was checked against) so a large model is hashed once per process, not
 * once per load.
 */
public final class ModelStore {
    public static final String DIR_PROPERTY = "facecensus.models";
    public static final String DIR_ENV = "FACECENSUS_MODELS";
    /** The command users run to fill the cache; named in every "model missing" error. */
    public static final String FETCH_COMMAND = "facecensus models fetch";

    private final Path root;
    private final Map<Path, Stamp> verified = new ConcurrentHashMap<>();

    /** A file state that was verified against one pinned hash. */
    private record Stamp(long size, FileTime modified, String sha256) {
    }

    /**
     * The state of one model in this store.
     *
     * <p>Thread-safety: immutable.
     */
    public enum Status { PRESENT, MISSING, CORRUPT }

    public ModelStore(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** The store at the configured default location. */
    public static ModelStore defaultStore() {
        return new ModelStore(defaultDirectory());
    }

    public static Path defaultDirectory() {
        String prop = System.getProperty(DIR_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv(DIR_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "facecensus", "models");
    }

    public Path root() {
        return root;
    }

    /** Where the spec's file lives (or will live) in this store. */
    public Path pathOf(ModelSpec spec) {
        return root.resolve(spec.name()).resolve(safe(spec.version())).resolve(spec.fileName());
    }

    private static String safe(String version) {
        return version.replaceAll("[^A-Za-z0-9._+-]", "_");
    }

    public Status status(ModelSpec spec) {
        Path file = pathOf(spec);
        if (!Files.isRegularFile(file)) {
            return Status.MISSING;
        }
        return isVerified(spec, file) ? Status.PRESENT : Status.CORRUPT;
    }

    /**
     * The verified path of a model, ready to load.
     *
     * @throws ModelMissingException   when it is not in the cache; the message names the fetch command
     * @throws ModelIntegrityException when its sha256 differs from the pinned one
     */
    public Path require(ModelSpec spec) {
        Path file = pathOf(spec);
        if (!Files.isRegularFile(file)) {
            throw new ModelMissingException(spec.name(), "Model '" + spec.name() + "' (" + spec.source().coordinate()
                    + ") is not in the model cache " + root + ". Fetch it with: " + FETCH_COMMAND + " " + spec.name()
                    + "   (or all models: " + FETCH_COMMAND + "; the cache folder is set by -D" + DIR_PROPERTY
                    + " or $" + DIR_ENV + "). By hand: " + String.join(" && ",
                    spec.source().manualCommands(file.toString())));
        }
        if (!isVerified(spec, file)) {
            throw new ModelIntegrityException("Model '" + spec.name() + "' at " + file + " has sha256 "
                    + sha256Quietly(file) + " but " + spec.sha256() + " is pinned: the file is corrupt or another"
                    + " version. Delete it and fetch again: " + FETCH_COMMAND + " " + spec.name());
        }
        return file;
    }

    private boolean isVerified(ModelSpec spec, Path file) {
        try {
            Stamp now = new Stamp(Files.size(file), Files.getLastModifiedTime(file), spec.sha256());
            if (now.equals(verified.get(file))) {
                return true;
            }
            if (spec.sizeBytes() > 0 && now.size() != spec.sizeBytes()) {
                return false;
            }
            if (sha256(file).equals(spec.sha256())) {
                verified.put(file, now);
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read model file " + file + ": " + e.getMessage()
                    + ". Check its permissions, or delete it and run: " + FETCH_COMMAND + " " + spec.name(), e);
        }
    }

    private static String sha256Quietly(Path file) {
        try {
            return sha256(file);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Lower-case hex sha256 of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        return Sha256.hex(file);
    }
}
