package org.facecensus.modeltools.tfjs.graph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.facecensus.FaceCensusException;
import org.facecensus.modeltools.tfjs.TfjsTensor;
import org.facecensus.modeltools.tfjs.TfjsWeights;

/**
 * A TF.js graph model as written by the TF.js converter ({@code "format": "graph-model"}): its nodes, the
 * constant tensors from its weights (named by their {@code Const} nodes), its inputs and its outputs.
 *
 * <p>Thread-safety: immutable after {@link #read}.
 *
 * @param source  the {@code model.json}, for messages
 * @param nodes   every node, in file order
 * @param weights the constants, by node name
 * @param inputs  the {@code Placeholder} nodes with their declared shapes ({@code -1}: any size)
 * @param outputs the output tensors: the signature's when the file has one, else every node no other node
 *                reads (that is not a constant)
 * @param outputNames the name of each output in the converted model (same order): the signature's key
 *                (e.g. {@code gender_output}) without a {@code :0} suffix, else the node's name
 */
public record TfjsGraphModel(Path source, List<TfjsNode> nodes, Map<String, TfjsTensor> weights,
                             Map<String, long[]> inputs, List<String> outputs, List<String> outputNames) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public TfjsGraphModel {
        Objects.requireNonNull(source, "source");
        nodes = List.copyOf(nodes);
        weights = Map.copyOf(weights);
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        outputs = List.copyOf(outputs);
        outputNames = List.copyOf(outputNames);
        if (outputNames.size() != outputs.size() || new java.util.HashSet<>(outputNames).size() != outputNames.size()) {
            throw new IllegalArgumentException("one distinct name per output");
        }
    }

    /** Reads a {@code model.json} whose weight shards lie beside it (an npm package's model folder). */
    public static TfjsGraphModel read(Path modelJson) {
        Path dir = modelJson.toAbsolutePath().getParent();
        return read(modelJson, dir::resolve);
    }

    /** Reads a {@code model.json}, locating each weight shard it names with {@code shards}. */
    public static TfjsGraphModel read(Path modelJson, Function<String, Path> shards) {
        JsonNode root;
        try {
            root = JSON.readTree(modelJson.toFile());
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read the TF.js graph model " + modelJson + ": " + e.getMessage()
                    + ". Give the model's model.json (the TF.js converter's output).", e);
        }
        JsonNode topology = root == null ? null : root.path("modelTopology").path("node");
        if (topology == null || !topology.isArray() || topology.isEmpty()) {
            throw new FaceCensusException(modelJson + " is not a TF.js graph model (no modelTopology.node list);"
                    + " layers models (format 'layers-model') need their own converter.");
        }
        List<TfjsNode> nodes = new ArrayList<>();
        topology.forEach(n -> nodes.add(TfjsNode.of(n)));
        // Inputs, outputs and the converter find nodes by name: a nameless or repeated name would make them
        // pick the wrong node or fail far from the cause, so the file is refused here.
        Set<String> names = new HashSet<>();
        for (TfjsNode n : nodes) {
            if (n.name().isEmpty() || !names.add(n.name())) {
                throw new FaceCensusException(modelJson + " is not a valid TF.js graph model: "
                        + (n.name().isEmpty() ? "a node (op '" + n.op() + "') has no name"
                        : "two nodes are named '" + n.name() + "'") + ". Fetch or convert the model again.");
            }
        }
        TfjsWeights weights = TfjsWeights.fromManifest(root.path("weightsManifest"), modelJson, shards);
        Map<String, TfjsTensor> byName = new LinkedHashMap<>(weights.all());
        Map<String, long[]> inputs = new LinkedHashMap<>();
        for (TfjsNode n : nodes) {
            if (n.op().equals("Placeholder")) {
                JsonNode dims = n.attr().path("shape").path("shape").path("dim");
                if (dims.isMissingNode()) {
                    dims = n.attr().path("shape").path("dim");
                }
                long[] shape = new long[dims.size()];
                for (int i = 0; i < shape.length; i++) {
                    String size = dims.get(i).path("size").asText("-1");
                    try {
                        shape[i] = Long.parseLong(size);
                    } catch (NumberFormatException e) {
                        throw new FaceCensusException("Input '" + n.name() + "' of " + modelJson + " has a dimension '"
                                + size + "' that is not a whole number; the model.json is damaged.", e);
                    }
                }
                inputs.put(n.name(), shape);
            }
        }
        List<String> outputs = new ArrayList<>();
        List<String> outputNames = new ArrayList<>();
        JsonNode signature = root.path("signature").path("outputs");
        if (signature.isObject() && signature.size() > 0) {
            signature.fields().forEachRemaining(e -> {
                outputs.add(e.getValue().path("name").asText(e.getKey()));
                outputNames.add(e.getKey().endsWith(":0") ? e.getKey().substring(0, e.getKey().length() - 2) : e.getKey());
            });
        } else {
            Set<String> read = new HashSet<>();
            nodes.forEach(n -> n.inputs().forEach(in -> read.add(nodeOf(in))));
            for (TfjsNode n : nodes) {
                if (!read.contains(n.name()) && !n.op().equals("Const") && !n.op().equals("NoOp")) {
                    outputs.add(n.name());
                    outputNames.add(n.name());
                }
            }
        }
        if (new HashSet<>(outputNames).size() != outputNames.size()) {
            // e.g. a signature naming both "out" and "out:0", which end up as the same output name.
            throw new FaceCensusException(modelJson + " names the same output twice " + outputNames
                    + "; its signature is damaged.");
        }
        return new TfjsGraphModel(modelJson, nodes, byName, inputs, outputs, outputNames);
    }

    /** The node a tensor name refers to: {@code conv/BiasAdd:0} → {@code conv/BiasAdd}. */
    static String nodeOf(String tensor) {
        int colon = tensor.lastIndexOf(':');
        return colon > 0 && tensor.substring(colon + 1).chars().allMatch(Character::isDigit) ? tensor.substring(0, colon)
                : tensor;
    }

    /** Every op the model uses, with how many nodes use it. */
    public Map<String, Integer> opCounts() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        nodes.forEach(n -> counts.merge(n.op(), 1, Integer::sum));
        return counts;
    }
}
