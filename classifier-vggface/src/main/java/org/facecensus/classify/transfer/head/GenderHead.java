package org.facecensus.classify.transfer.head;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.facecensus.FaceCensusException;
import org.facecensus.classify.Gender;
import org.facecensus.classify.transfer.backbone.BackboneConfig;
import org.facecensus.classify.transfer.backbone.FeatureExtractorSpec;
import org.facecensus.io.AtomicFiles;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelStore;

/**
 * A trained gender head: what it expects (backbone, its weights' sha256, presentation), its weights,
 * the feature standardisation, the calibration and the abstain band, and its provenance (training
 * data hash and counts, hyper-parameters, seed, validation figures). Saved as one JSON file.
 *
 * <p><b>Exact weights.</b> Every weight, bias, standardisation value and calibration parameter is a
 * double; arrays are stored as Base64 of their IEEE-754 bits (big-endian), so a reloaded head gives
 * bit-identical probabilities. The network's output is the probability that the face is
 * {@link Gender#FEMALE}.
 *
 * <p><b>Abstaining.</b> A face whose calibrated probability lies strictly within {@code abstainMargin}
 * of 0.5 is {@link Gender#UNKNOWN}. With a calibrated probability of 0.6 the head expects to be wrong
 * on 4 faces in 10: counting such faces as men or women adds mostly noise to a census, while they are
 * few (a few percent of clear photos), so the default margin is 0.1. Set 0 to never abstain.
 *
 * <p>Thread-safety: immutable; all methods are thread-safe.
 */
public final class GenderHead {
    /** The {@code format} field of a head file. */
    public static final String FORMAT = "facecensus-gender-head";
    public static final int FORMAT_VERSION = 1;
    /** The default abstain band half-width (see the class comment). */
    public static final double DEFAULT_ABSTAIN_MARGIN = 0.1;
    static final ObjectMapper MAPPER = HeadJson.MAPPER;

    private final BackboneConfig backbone;
    private final List<ModelInfo> backboneModels;
    private final DenseNetwork network;
    private final Standardizer standardizer;
    private final Calibration calibration;
    private final double abstainMargin;
    private final ObjectNode provenance;

    public GenderHead(BackboneConfig backbone, List<ModelInfo> backboneModels, DenseNetwork network,
                      Standardizer standardizer, Calibration calibration, double abstainMargin, ObjectNode provenance) {
        this.backbone = Objects.requireNonNull(backbone, "backbone");
        this.backboneModels = List.copyOf(backboneModels);
        this.network = Objects.requireNonNull(network, "network");
        this.standardizer = Objects.requireNonNull(standardizer, "standardizer");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        if (!(abstainMargin >= 0 && abstainMargin < 0.5)) {
            throw new FaceCensusException("The abstain margin must be in [0, 0.5), got " + abstainMargin);
        }
        if (standardizer.dimension() != network.inputSize()) {
            throw new FaceCensusException("The head's standardisation and network disagree on the feature length");
        }
        this.abstainMargin = abstainMargin;
        this.provenance = provenance == null ? MAPPER.createObjectNode() : provenance.deepCopy();
    }

    public BackboneConfig backbone() {
        return backbone;
    }

    public List<ModelInfo> backboneModels() {
        return backboneModels;
    }

    public DenseNetwork network() {
        return network;
    }

    public Standardizer standardizer() {
        return standardizer;
    }

    public Calibration calibration() {
        return calibration;
    }

    public double abstainMargin() {
        return abstainMargin;
    }

    public int featureDimension() {
        return network.inputSize();
    }

    /** Training data, hyper-parameters, validation figures (a copy). */
    public ObjectNode provenance() {
        return provenance.deepCopy();
    }

    /** The same head with another abstain band. */
    public GenderHead withAbstainMargin(double margin) {
        return new GenderHead(backbone, backboneModels, network, standardizer, calibration, margin, provenance);
    }

    /** The uncalibrated network probability that the face is a woman. */
    public double rawProbabilityFemale(float[] features) {
        return network.probability(standardizer.apply(features));
    }

    /** The calibrated probability that the face is a woman. */
    public double probabilityFemale(float[] features) {
        return calibration.apply(rawProbabilityFemale(features));
    }

    /** The label for a calibrated probability of FEMALE: UNKNOWN inside the abstain band. */
    public Gender decide(double probabilityFemale) {
        // The tolerance keeps 0.6 outside a 0.1 band despite 0.6 - 0.5 rounding to 0.0999...
        if (Math.abs(probabilityFemale - 0.5) < abstainMargin - 1e-12) {
            return Gender.UNKNOWN;
        }
        return probabilityFemale >= 0.5 ? Gender.FEMALE : Gender.MALE;
    }

    /** Writes the head as JSON; returns the file's sha256. */
    public String save(Path file) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.put("output", "probability that the face is female (sigmoid of the network, then calibration)");
        HeadJson.writeBody(root, backbone, backboneModels, network, standardizer, calibration);
        root.put("abstain_margin", abstainMargin);
        root.set("provenance", provenance);
        return HeadJson.write(file, root, "head");
    }

    /** Reads a head file written by {@link #save}. */
    public static GenderHead load(Path file) {
        JsonNode root = HeadJson.readRoot(file, FORMAT, FORMAT_VERSION, "gender head", "facecensus gender train");
        HeadJson.Body body = HeadJson.readBody(file, root, "facecensus gender train");
        return new GenderHead(body.backbone(), body.models(), body.network(), body.standardizer(), body.calibration(),
                root.path("abstain_margin").asDouble(DEFAULT_ABSTAIN_MARGIN), body.provenance());
    }
}
