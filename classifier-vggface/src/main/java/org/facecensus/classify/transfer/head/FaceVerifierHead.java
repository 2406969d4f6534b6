package org.facecensus.classify.transfer.head;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.facecensus.FaceCensusException;
import org.facecensus.classify.transfer.backbone.BackboneConfig;
import org.facecensus.model.ModelInfo;

/**
 * A trained face / not-a-face head: the same backbone features, network, standardisation and calibration as
 * a {@link GenderHead}, whose output is the probability that a detected face is a face; a face below the
 * {@code threshold} is rejected. Saved as one JSON file (format {@value #FORMAT}) with its provenance
 * (labels used, hyper-parameters, cross-validated figures).
 *
 * <p><b>Threshold.</b> The default 0.5 on the calibrated probability treats losing a true face and keeping
 * a false one as equally bad. A census that must not lose faces lowers it (fewer true faces lost, more false
 * faces kept); {@code facecensus verifier train --folds} prints both counts at several thresholds.
 *
 * <p>Thread-safety: immutable; all methods are thread-safe.
 */
public final class FaceVerifierHead {
    /** The {@code format} field of a verifier file. */
    public static final String FORMAT = "facecensus-face-verifier";
    public static final int FORMAT_VERSION = 1;
    public static final double DEFAULT_THRESHOLD = 0.5;
    static final String TRAIN_COMMAND = "facecensus verifier train";

    private final BackboneConfig backbone;
    private final List<ModelInfo> backboneModels;
    private final DenseNetwork network;
    private final Standardizer standardizer;
    private final Calibration calibration;
    private final double threshold;
    private final ObjectNode provenance;

    public FaceVerifierHead(BackboneConfig backbone, List<ModelInfo> backboneModels, DenseNetwork network,
                            Standardizer standardizer, Calibration calibration, double threshold, ObjectNode provenance) {
        this.backbone = Objects.requireNonNull(backbone, "backbone");
        this.backboneModels = List.copyOf(backboneModels);
        this.network = Objects.requireNonNull(network, "network");
        this.standardizer = Objects.requireNonNull(standardizer, "standardizer");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        if (!(threshold > 0 && threshold < 1)) {
            throw new FaceCensusException("The verifier threshold must be in (0, 1), got " + threshold);
        }
        if (standardizer.dimension() != network.inputSize()) {
            throw new FaceCensusException("The verifier's standardisation and network disagree on the feature length");
        }
        this.threshold = threshold;
        this.provenance = provenance == null ? HeadJson.MAPPER.createObjectNode() : provenance.deepCopy();
    }

    public BackboneConfig backbone() {
        return backbone;
    }

    public List<ModelInfo> backboneModels() {
        return backboneModels;
    }

    public double threshold() {
        return threshold;
    }

    /** Labels used, hyper-parameters, validation figures (a copy). */
    public ObjectNode provenance() {
        return provenance.deepCopy();
    }

    /** The same verifier with another threshold. */
    public FaceVerifierHead withThreshold(double newThreshold) {
        return new FaceVerifierHead(backbone, backboneModels, network, standardizer, calibration, newThreshold,
                provenance);
    }

    /** The calibrated probability that the crop with these features shows a face. */
    public double probabilityFace(float[] features) {
        return calibration.apply(network.probability(standardizer.apply(features)));
    }

    /** Writes the verifier as JSON; returns the file's sha256. */
    public String save(Path file) {
        ObjectNode root = HeadJson.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.put("output", "probability that a detected face is a face (sigmoid of the network, then calibration)");
        HeadJson.writeBody(root, backbone, backboneModels, network, standardizer, calibration);
        root.put("threshold", threshold);
        root.set("provenance", provenance);
        return HeadJson.write(file, root, "face verifier");
    }

    /** Reads a verifier file written by {@link #save}. */
    public static FaceVerifierHead load(Path file) {
        JsonNode root = HeadJson.readRoot(file, FORMAT, FORMAT_VERSION, "face verifier", TRAIN_COMMAND);
        HeadJson.Body body = HeadJson.readBody(file, root, TRAIN_COMMAND);
        return new FaceVerifierHead(body.backbone(), body.models(), body.network(), body.standardizer(),
                body.calibration(), root.path("threshold").asDouble(DEFAULT_THRESHOLD), body.provenance());
    }
}
