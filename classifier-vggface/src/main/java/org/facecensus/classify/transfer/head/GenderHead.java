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
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
        ObjectNode bb = root.putObject("backbone");
        bb.put("name", backbone.name());
        if (backbone.file() != null) {
            bb.put("file", backbone.file().toAbsolutePath().normalize().toString());
            FeatureExtractorSpec s = backbone.spec();
            ObjectNode spec = bb.putObject("spec");
            spec.put("name", s.name());
            spec.put("width", s.width());
            spec.put("height", s.height());
            spec.put("channel_order", s.channelOrder().name());
            spec.set("mean", floats(s.mean()));
            spec.set("std", floats(s.std()));
            spec.put("layout", s.layout().name());
            spec.put("input", s.inputName());
            spec.put("output", s.outputName());
            spec.put("pooling", s.pooling().name());
        }
        bb.put("crop_fraction", backbone.cropFraction());
        bb.put("flip_average", backbone.flipAverage());
        bb.put("feature_dimension", network.inputSize());
        ArrayNode models = bb.putArray("models");
        for (ModelInfo m : backboneModels) {
            ObjectNode o = models.addObject();
            o.put("name", m.name());
            o.put("version", m.version());
            o.put("source", m.source());
            o.put("sha256", m.sha256());
            o.put("licence", m.licence());
        }
        ObjectNode head = root.putObject("head");
        head.put("kind", network.sizes().length == 2 ? "logistic" : "mlp");
        ArrayNode sizes = head.putArray("layers");
        for (int s : network.sizes()) {
            sizes.add(s);
        }
        head.put("hidden_activation", "relu");
        head.put("output_activation", "sigmoid");
        head.put("encoding", "base64 of IEEE-754 float64, big-endian; weights row-major [out][in]");
        ArrayNode w = head.putArray("weights");
        ArrayNode b = head.putArray("biases");
        for (int l = 0; l < network.weights.length; l++) {
            w.add(encode(network.weights[l]));
            b.add(encode(network.biases[l]));
        }
        ObjectNode std = root.putObject("standardization");
        std.put("mean", encode(standardizer.mean()));
        std.put("std", encode(standardizer.std()));
        ObjectNode cal = root.putObject("calibration");
        cal.put("method", calibration.method());
        if (calibration instanceof Calibration.Platt p) {
            cal.put("a", p.a());
            cal.put("b", p.b());
        } else if (calibration instanceof Calibration.Isotonic iso) {
            cal.put("x", encode(iso.x()));
            cal.put("y", encode(iso.y()));
        }
        root.put("abstain_margin", abstainMargin);
        root.set("provenance", provenance);
        try {
            AtomicFiles.writeBytes(file, MAPPER.writeValueAsBytes(root));
            return ModelStore.sha256(file);
        } catch (IOException e) {
            throw new FaceCensusException("Cannot write the head to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a head file written by {@link #save}. */
    public static GenderHead load(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read the gender head " + file + ": " + e.getMessage()
                    + ". Give a file written by 'facecensus gender train'.", e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new FaceCensusException(file + " is not a FaceCensus gender head (no \"format\": \"" + FORMAT
                    + "\"); give a file written by 'facecensus gender train'.");
        }
        if (root.path("format_version").asInt() > FORMAT_VERSION) {
            throw new FaceCensusException(file + " was written by a newer FaceCensus (head format "
                    + root.path("format_version").asInt() + "); upgrade FaceCensus to read it.");
        }
        try {
            JsonNode bb = root.get("backbone");
            BackboneConfig config;
            if (bb.hasNonNull("file")) {
                JsonNode s = bb.get("spec");
                FeatureExtractorSpec spec = new FeatureExtractorSpec(s.get("name").asText(), s.get("width").asInt(),
                        s.get("height").asInt(), FeatureExtractorSpec.ChannelOrder.valueOf(s.get("channel_order").asText()),
                        floats(s.get("mean")), floats(s.get("std")), FeatureExtractorSpec.Layout.valueOf(s.get("layout").asText()),
                        s.path("input").asText(""), s.get("output").asText(),
                        FeatureExtractorSpec.Pooling.valueOf(s.get("pooling").asText()));
                config = new BackboneConfig(bb.get("name").asText(), Path.of(bb.get("file").asText()), spec,
                        bb.get("crop_fraction").asDouble(), bb.get("flip_average").asBoolean());
            } else {
                config = new BackboneConfig(bb.get("name").asText(), null, null, bb.get("crop_fraction").asDouble(),
                        bb.get("flip_average").asBoolean());
            }
            List<ModelInfo> models = new ArrayList<>();
            for (JsonNode m : bb.get("models")) {
                models.add(new ModelInfo(m.get("name").asText(), m.get("version").asText(), m.get("source").asText(),
                        m.get("sha256").asText(), m.get("licence").asText()));
            }
            JsonNode head = root.get("head");
            int[] sizes = new int[head.get("layers").size()];
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] = head.get("layers").get(i).asInt();
            }
            double[][] w = new double[sizes.length - 1][];
            double[][] b = new double[sizes.length - 1][];
            for (int l = 0; l < w.length; l++) {
                w[l] = decode(head.get("weights").get(l).asText());
                b[l] = decode(head.get("biases").get(l).asText());
            }
            DenseNetwork network = new DenseNetwork(sizes, w, b);
            JsonNode std = root.get("standardization");
            Standardizer standardizer = new Standardizer(decode(std.get("mean").asText()), decode(std.get("std").asText()));
            JsonNode cal = root.get("calibration");
            Calibration calibration = switch (cal.get("method").asText()) {
                case "platt" -> new Calibration.Platt(cal.get("a").asDouble(), cal.get("b").asDouble());
                case "isotonic" -> new Calibration.Isotonic(decode(cal.get("x").asText()), decode(cal.get("y").asText()));
                case "none" -> new Calibration.None();
                default -> throw new FaceCensusException("unknown calibration method " + cal.get("method"));
            };
            ObjectNode provenance = root.has("provenance") && root.get("provenance").isObject()
                    ? (ObjectNode) root.get("provenance") : MAPPER.createObjectNode();
            return new GenderHead(config, models, network, standardizer, calibration,
                    root.get("abstain_margin").asDouble(), provenance);
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new FaceCensusException("The gender head " + file + " is incomplete or damaged (" + e
                    + "); retrain it with 'facecensus gender train'.", e);
        }
    }

    private static ArrayNode floats(float[] values) {
        ArrayNode a = MAPPER.createArrayNode();
        for (float v : values) {
            a.add(v);
        }
        return a;
    }

    private static float[] floats(JsonNode node) {
        float[] out = new float[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) node.get(i).asDouble();
        }
        return out;
    }

    static String encode(double[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * Double.BYTES);
        for (double v : values) {
            buf.putDouble(v);
        }
        return Base64.getEncoder().encodeToString(buf.array());
    }

    static double[] decode(String text) {
        ByteBuffer buf = ByteBuffer.wrap(Base64.getDecoder().decode(text));
        double[] out = new double[buf.remaining() / Double.BYTES];
        for (int i = 0; i < out.length; i++) {
            out[i] = buf.getDouble();
        }
        return out;
    }
}
