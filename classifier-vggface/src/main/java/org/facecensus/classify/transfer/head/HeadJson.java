package org.facecensus.classify.transfer.head;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.facecensus.FaceCensusException;
import org.facecensus.classify.transfer.backbone.BackboneConfig;
import org.facecensus.classify.transfer.backbone.FeatureExtractorSpec;
import org.facecensus.io.AtomicFiles;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelStore;

/**
 * The JSON of a trained head file, shared by the gender head and the face verifier: the backbone it expects,
 * the network's exact weights, the standardisation, the calibration and the provenance. Each head kind adds
 * its own {@code format} and decision fields.
 *
 * <p>Thread-safety: stateless.
 */
final class HeadJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HeadJson() {
    }

    /**
     * What every head file holds besides its format and decision fields.
     *
     * <p>Thread-safety: immutable.
     */
    record Body(BackboneConfig backbone, List<ModelInfo> models, DenseNetwork network, Standardizer standardizer,
                Calibration calibration, ObjectNode provenance) {
    }

    static void writeBody(ObjectNode root, BackboneConfig backbone, List<ModelInfo> backboneModels, DenseNetwork network,
                          Standardizer standardizer, Calibration calibration) {
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
    }

    /** Writes {@code root} atomically; returns the file's sha256. */
    static String write(Path file, ObjectNode root, String what) {
        try {
            AtomicFiles.writeBytes(file, MAPPER.writeValueAsBytes(root));
            return ModelStore.sha256(file);
        } catch (IOException e) {
            throw new FaceCensusException("Cannot write the " + what + " to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a head file and checks its format and version. */
    static JsonNode readRoot(Path file, String format, int version, String what, String trainCommand) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read the " + what + " " + file + ": " + e.getMessage()
                    + ". Give a file written by '" + trainCommand + "'.", e);
        }
        if (root == null || !format.equals(root.path("format").asText())) {
            throw new FaceCensusException(file + " is not a FaceCensus " + what + " (no \"format\": \"" + format
                    + "\"); give a file written by '" + trainCommand + "'.");
        }
        if (root.path("format_version").asInt() > version) {
            throw new FaceCensusException(file + " was written by a newer FaceCensus (format version "
                    + root.path("format_version").asInt() + "); upgrade FaceCensus to read it.");
        }
        return root;
    }

    static Body readBody(Path file, JsonNode root, String trainCommand) {
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
            return new Body(config, models, network, standardizer, calibration, provenance);
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new FaceCensusException("The head file " + file + " is incomplete or damaged (" + e
                    + "); train it again with '" + trainCommand + "'.", e);
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
