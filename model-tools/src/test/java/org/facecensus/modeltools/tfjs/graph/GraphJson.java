package org.facecensus.modeltools.tfjs.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Test-side writer of minimal TF.js graph models ({@code model.json} with {@code "format": "graph-model"} and one
 * {@code weights.bin}), encoded exactly as the TF.js converter writes them: string attributes Base64 in {@code s},
 * integers as JSON strings in {@code i}, lists in {@code list.i} / {@code list.s}, types as {@code DT_FLOAT} in
 * {@code type}, a Placeholder's shape in {@code shape.shape.dim[].size}, and each {@code Const} node's value in a
 * {@code weightsManifest} entry of the same name (float32 or int32).
 *
 * <pre>{@code
 * GraphJson g = new GraphJson();
 * String x = g.placeholder("x", 1, 7, 9, 3);
 * g.op("conv", "Conv2D", x, g.constant("conv/w", filter, 3, 3, 3, 4))
 *         .s("padding", "SAME").ints("strides", 1, 2, 2, 1);
 * Path json = g.write(dir);
 * }</pre>
 *
 * <p>The model has no signature: its outputs are the nodes no other node reads (TfjsGraphModel's rule), in
 * file order. Thread-safety: not thread-safe.
 */
final class GraphJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ObjectNode> nodes = new ArrayList<>();
    private final ArrayNode weightSpecs = JSON.createArrayNode();
    private final ByteArrayBuilder bin = new ByteArrayBuilder();
    private final Map<String, String> ops = new LinkedHashMap<>();

    /** One node under construction; attribute setters return it for chaining. */
    final class Node {
        final String name;
        final ObjectNode attr;

        private Node(String name, ObjectNode attr) {
            this.name = name;
            this.attr = attr;
        }

        /** A string attribute, Base64 in {@code s}. */
        Node s(String key, String value) {
            attr.putObject(key).put("s", b64(value));
            return this;
        }

        /** An integer attribute, a JSON string in {@code i}. */
        Node i(String key, long value) {
            attr.putObject(key).put("i", Long.toString(value));
            return this;
        }

        /** A float attribute in {@code f}. */
        Node f(String key, double value) {
            attr.putObject(key).put("f", value);
            return this;
        }

        Node b(String key, boolean value) {
            attr.putObject(key).put("b", value);
            return this;
        }

        /** An integer-list attribute, each a JSON string in {@code list.i}. */
        Node ints(String key, long... values) {
            ArrayNode a = attr.putObject(key).putObject("list").putArray("i");
            for (long v : values) {
                a.add(Long.toString(v));
            }
            return this;
        }

        /** A string-list attribute, each Base64 in {@code list.s}. */
        Node strings(String key, String... values) {
            ArrayNode a = attr.putObject(key).putObject("list").putArray("s");
            for (String v : values) {
                a.add(b64(v));
            }
            return this;
        }

        /** A type attribute such as {@code DT_INT32} in {@code type}. */
        Node type(String key, String dtype) {
            attr.putObject(key).put("type", dtype);
            return this;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A float Placeholder of {@code shape} ({@code -1}: any size); returns its name. */
    String placeholder(String name, long... shape) {
        ObjectNode n = node(name, "Placeholder", List.of());
        ObjectNode attr = (ObjectNode) n.get("attr");
        attr.putObject("dtype").put("type", "DT_FLOAT");
        ArrayNode dims = attr.putObject("shape").putObject("shape").putArray("dim");
        for (long d : shape) {
            dims.addObject().put("size", Long.toString(d));
        }
        return name;
    }

    /** A float32 Const whose value is the weights entry of the same name; returns its name. */
    String constant(String name, float[] values, int... shape) {
        check(name, values.length, shape);
        constNode(name, "DT_FLOAT", shape);
        spec(name, "float32", shape);
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        bin.add(b.array());
        return name;
    }

    /** A float32 scalar Const. */
    String scalar(String name, float value) {
        return constant(name, new float[] {value});
    }

    /** An int32 Const (shapes, axes, paddings, slice bounds); returns its name. */
    String ints(String name, int[] values, int... shape) {
        check(name, values.length, shape);
        constNode(name, "DT_INT32", shape);
        spec(name, "int32", shape);
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        bin.add(b.array());
        return name;
    }

    /** An int32 vector Const. */
    String vector(String name, int... values) {
        return ints(name, values, values.length);
    }

    /** An int32 scalar Const. */
    String intScalar(String name, int value) {
        return ints(name, new int[] {value});
    }

    /** A node of {@code op} reading {@code inputs} (tensor names), with {@code T = DT_FLOAT}. */
    Node op(String name, String op, String... inputs) {
        ObjectNode n = node(name, op, List.of(inputs));
        Node node = new Node(name, (ObjectNode) n.get("attr"));
        node.type("T", "DT_FLOAT");
        return node;
    }

    /** The node names, in file order. */
    Set<String> names() {
        return ops.keySet();
    }

    /**
     * The nodes no other node reads, excluding constants and placeholders: the model's outputs by
     * {@link TfjsGraphModel#read}'s rule, in file order.
     */
    List<String> leaves() {
        Set<String> read = new HashSet<>();
        for (ObjectNode n : nodes) {
            n.path("input").forEach(i -> read.add(TfjsGraphModel.nodeOf(i.asText())));
        }
        List<String> out = new ArrayList<>();
        ops.forEach((name, op) -> {
            if (!read.contains(name) && !op.equals("Const") && !op.equals("Placeholder")) {
                out.add(name);
            }
        });
        return out;
    }

    /** Writes {@code model.json} and {@code weights.bin} into {@code dir}; returns the model.json. */
    Path write(Path dir) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "graph-model");
        root.put("generatedBy", "2.15.0");
        root.put("convertedBy", "FaceCensus GraphJson (test)");
        ObjectNode topology = root.putObject("modelTopology");
        ArrayNode list = topology.putArray("node");
        nodes.forEach(list::add);
        topology.putObject("library");
        topology.putObject("versions").put("producer", 1395);
        ArrayNode manifest = root.putArray("weightsManifest");
        ObjectNode group = manifest.addObject();
        group.putArray("paths").add("weights.bin");
        group.set("weights", weightSpecs);
        try {
            Files.createDirectories(dir);
            Path json = dir.resolve("model.json");
            Files.writeString(json, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            Files.write(dir.resolve("weights.bin"), bin.toArray());
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode node(String name, String op, List<String> inputs) {
        if (ops.put(name, op) != null) {
            throw new IllegalArgumentException("node " + name + " defined twice");
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("name", name);
        n.put("op", op);
        if (!inputs.isEmpty()) {
            ArrayNode in = n.putArray("input");
            inputs.forEach(in::add);
        }
        n.putObject("attr");
        nodes.add(n);
        return n;
    }

    private void constNode(String name, String dtype, int[] shape) {
        ObjectNode n = node(name, "Const", List.of());
        ObjectNode attr = (ObjectNode) n.get("attr");
        ObjectNode tensor = attr.putObject("value").putObject("tensor");
        tensor.put("dtype", dtype);
        ArrayNode dims = tensor.putObject("tensorShape").putArray("dim");
        for (int d : shape) {
            dims.addObject().put("size", Integer.toString(d));
        }
        attr.putObject("dtype").put("type", dtype);
    }

    private void spec(String name, String dtype, int[] shape) {
        ObjectNode s = weightSpecs.addObject();
        s.put("name", name);
        ArrayNode a = s.putArray("shape");
        for (int d : shape) {
            a.add(d);
        }
        s.put("dtype", dtype);
    }

    private static void check(String name, int count, int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != count) {
            throw new IllegalArgumentException("constant " + name + ": shape " + java.util.Arrays.toString(shape)
                    + " holds " + n + " values, got " + count);
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A growing byte array. */
    private static final class ByteArrayBuilder {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        void add(byte[] bytes) {
            out.writeBytes(bytes);
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }
}
