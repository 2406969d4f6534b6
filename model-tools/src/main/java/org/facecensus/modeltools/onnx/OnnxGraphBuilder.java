package org.facecensus.modeltools.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.google.protobuf.ByteString;

import org.facecensus.FaceCensusException;
import org.facecensus.io.AtomicFiles;
import org.facecensus.modeltools.onnx.proto.Onnx.AttributeProto;
import org.facecensus.modeltools.onnx.proto.Onnx.GraphProto;
import org.facecensus.modeltools.onnx.proto.Onnx.ModelProto;
import org.facecensus.modeltools.onnx.proto.Onnx.NodeProto;
import org.facecensus.modeltools.onnx.proto.Onnx.OperatorSetIdProto;
import org.facecensus.modeltools.onnx.proto.Onnx.StringStringEntryProto;
import org.facecensus.modeltools.onnx.proto.Onnx.TensorProto;
import org.facecensus.modeltools.onnx.proto.Onnx.TensorShapeProto;
import org.facecensus.modeltools.onnx.proto.Onnx.TypeProto;
import org.facecensus.modeltools.onnx.proto.Onnx.ValueInfoProto;

/**
 * A small builder for ONNX inference graphs over the protobuf classes generated from ONNX 1.12's
 * {@code onnx.proto}: float inputs and initialisers, the handful of operators face-analysis CNNs
 * need, and model metadata. Each op method adds one node and returns the name of its output, so a
 * network reads like its source ({@code x = relu(add(conv(x, w, b), y))}).
 *
 * <p>Node and value names are generated ({@code conv_12}) unless given; initialiser names are the
 * caller's (use the source framework's weight names, so a graph can be traced back to its weights).
 * The model uses IR version 8 and the default-domain opset {@value #OPSET} (both ONNX 1.12 and
 * supported by ONNX Runtime 1.22).
 *
 * <p>Thread-safety: not thread-safe; build on one thread.
 */
public final class OnnxGraphBuilder {
    /** Default-domain opset: Softmax over one axis, Pad with inputs, ReduceMean with attributes. */
    public static final int OPSET = 13;
    /** ONNX 1.12's IR version. */
    public static final long IR_VERSION = 8;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();
    /** Names kept for a later value (see {@link #reserve}): generated names never take them. */
    private final Set<String> reserved = new HashSet<>();
    private final Map<String, Integer> counters = new LinkedHashMap<>();
    private String producer = "facecensus-model-tools";
    private String docString = "";

    public OnnxGraphBuilder(String graphName) {
        graph.setName(Objects.requireNonNull(graphName, "graphName"));
    }

    // ----------------------------------------------------------------------------------- values

    /** A float input; a dimension {@code < 0} is dynamic (named {@code N} for the first, batch). */
    public String input(String name, long... dims) {
        claim(name);
        graph.addInput(valueInfo(name, dims));
        return name;
    }

    /** Marks {@code value} as a float graph output with these dimensions ({@code < 0}: dynamic). */
    public void output(String value, long... dims) {
        graph.addOutput(valueInfo(value, dims));
    }

    /** A float32 constant (weights, biases, means). */
    public String initializer(String name, float[] data, long... dims) {
        claim(name);
        checkSize(name, data.length, dims);
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(boxed(dims)).setRawData(ByteString.copyFrom(buf.array())));
        return name;
    }

    /** An int64 constant (shapes for Reshape, pads for Pad). */
    public String initializerInt64(String name, long[] data, long... dims) {
        claim(name);
        checkSize(name, data.length, dims);
        ByteBuffer buf = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(data);
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addAllDims(boxed(dims)).setRawData(ByteString.copyFrom(buf.array())));
        return name;
    }

    /** A scalar float constant, e.g. a divisor. */
    public String scalar(String name, float value) {
        return initializer(name, new float[] {value});
    }

    // -------------------------------------------------------------------------------- operators

    /**
     * 2-D convolution of NCHW {@code x} with OIHW weights {@code w}; {@code bias} may be null.
     * {@code group == channels} with {@code [C,1,kh,kw]} weights is a depthwise convolution.
     */
    public String conv(String x, String w, String bias, int[] strides, Padding padding, int group) {
        NodeProto.Builder n = node("Conv", bias == null ? List.of(x, w) : List.of(x, w, bias));
        n.addAttribute(ints("strides", strides));
        pad(n, padding);
        if (group != 1) {
            n.addAttribute(intAttr("group", group));
        }
        return finish(n);
    }

    public String add(String a, String b) {
        return finish(node("Add", List.of(a, b)));
    }

    /**
     * Any single-output operator, for converters that map another framework's ops one by one; an
     * empty input name is ONNX's "optional input left out".
     */
    public String op(String opType, List<String> inputs, AttributeProto... attributes) {
        NodeProto.Builder n = node(opType, inputs);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        return finish(n);
    }

    /** An integer attribute, for {@link #op}. */
    public static AttributeProto attr(String name, long value) {
        return intAttr(name, value);
    }

    /** A float attribute, for {@link #op}. */
    public static AttributeProto attr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    /** A string attribute, for {@link #op}. */
    public static AttributeProto attr(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    /** An integer-list attribute, for {@link #op}. */
    public static AttributeProto attrInts(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    /** A Conv/pool padding as attributes, for {@link #op}. */
    public static List<AttributeProto> paddingAttributes(Padding padding) {
        NodeProto.Builder n = NodeProto.newBuilder();
        pad(n, padding);
        return n.getAttributeList();
    }

    /** Marks {@code value} as a graph output of unknown shape ({@code integer}: int64, else float). */
    public void outputOfUnknownShape(String value, boolean integer) {
        graph.addOutput(ValueInfoProto.newBuilder().setName(value).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(integer ? TensorProto.DataType.INT64_VALUE
                        : TensorProto.DataType.FLOAT_VALUE))).build());
    }

    public String sub(String a, String b) {
        return finish(node("Sub", List.of(a, b)));
    }

    public String mul(String a, String b) {
        return finish(node("Mul", List.of(a, b)));
    }

    public String div(String a, String b) {
        return finish(node("Div", List.of(a, b)));
    }

    public String relu(String x) {
        return finish(node("Relu", List.of(x)));
    }

    public String sigmoid(String x) {
        return finish(node("Sigmoid", List.of(x)));
    }

    /** {@code min(max(x, lo), hi)}: TF's {@code clipByValue}, e.g. ReLU6 with {@code (0, 6)}. */
    public String clip(String x, float lo, float hi) {
        String l = scalar(unique("clip_min"), lo);
        String h = scalar(unique("clip_max"), hi);
        return finish(node("Clip", List.of(x, l, h)));
    }

    /** Softmax over {@code axis} (opset 13 semantics: one axis, not a flattened suffix). */
    public String softmax(String x, int axis) {
        NodeProto.Builder n = node("Softmax", List.of(x));
        n.addAttribute(intAttr("axis", axis));
        return finish(n);
    }

    public String maxPool(String x, int[] kernel, int[] strides, Padding padding) {
        NodeProto.Builder n = node("MaxPool", List.of(x));
        n.addAttribute(ints("kernel_shape", kernel)).addAttribute(ints("strides", strides));
        pad(n, padding);
        return finish(n);
    }

    /**
     * Average pooling; padded cells are left out of the mean ({@code count_include_pad = 0}), as
     * TensorFlow's {@code avgPool} with {@code 'same'} does.
     */
    public String averagePool(String x, int[] kernel, int[] strides, Padding padding) {
        NodeProto.Builder n = node("AveragePool", List.of(x));
        n.addAttribute(ints("kernel_shape", kernel)).addAttribute(ints("strides", strides));
        pad(n, padding);
        return finish(n);
    }

    /** {@code a · b + c} for 2-D {@code a} {@code [N,K]} and {@code b} {@code [K,M]} (TF's layout). */
    public String gemm(String a, String b, String c) {
        return finish(node("Gemm", c == null ? List.of(a, b) : List.of(a, b, c)));
    }

    public String matMul(String a, String b) {
        return finish(node("MatMul", List.of(a, b)));
    }

    /** Reshape to {@code shape} (ONNX rules: 0 copies a dimension, -1 is inferred). */
    public String reshape(String x, long... shape) {
        String s = initializerInt64(unique("shape"), shape, shape.length);
        return finish(node("Reshape", List.of(x, s)));
    }

    /** Collapses dimensions {@code [axis, rank)} into one: {@code [N,C,1,1] -> [N,C]} with axis 1. */
    public String flatten(String x, int axis) {
        NodeProto.Builder n = node("Flatten", List.of(x));
        n.addAttribute(intAttr("axis", axis));
        return finish(n);
    }

    /** NHWC to NCHW and the like. */
    public String transpose(String x, int... perm) {
        NodeProto.Builder n = node("Transpose", List.of(x));
        n.addAttribute(ints("perm", perm));
        return finish(n);
    }

    public String concat(int axis, String... inputs) {
        NodeProto.Builder n = node("Concat", List.of(inputs));
        n.addAttribute(intAttr("axis", axis));
        return finish(n);
    }

    /** Constant padding; {@code pads} in ONNX order: all begins, then all ends. */
    public String pad(String x, long[] pads, float value) {
        String p = initializerInt64(unique("pads"), pads, pads.length);
        String v = scalar(unique("pad_value"), value);
        return finish(node("Pad", List.of(x, p, v)));
    }

    /**
     * Keeps {@code name} for a value made later under that chosen name (an {@link #identity} naming a graph
     * output, say): the names the builder generates for operator outputs ({@code concat_1}, …) skip it.
     */
    public void reserve(String name) {
        if (names.contains(Objects.requireNonNull(name, "name"))) {
            throw new IllegalArgumentException("ONNX value name already used: " + name);
        }
        reserved.add(name);
    }

    /** Copies {@code x} under a chosen name, e.g. to give a graph output a stable name. */
    public String identity(String x, String name) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType("Identity").setName(unique("Identity"))
                .addInput(x).addOutput(claim(name));
        graph.addNode(n);
        return name;
    }

    // --------------------------------------------------------------------------------- metadata

    /** A {@code metadata_props} entry: provenance such as the source package and input sha256s. */
    public OnnxGraphBuilder metadata(String key, String value) {
        metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    public OnnxGraphBuilder docString(String doc) {
        this.docString = Objects.requireNonNull(doc, "doc");
        return this;
    }

    public OnnxGraphBuilder producer(String name) {
        this.producer = Objects.requireNonNull(name, "name");
        return this;
    }

    public ModelProto build() {
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName(producer)
                .setProducerVersion(ModelToolsVersion.VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph.build());
        if (!docString.isEmpty()) {
            m.setDocString(docString);
        }
        metadata.forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    /**
     * Writes the model to {@code file} atomically (a temporary file in the same folder, then a
     * move), so a reader never sees half a model and concurrent writers of the same model agree.
     */
    public void write(Path file) {
        write(build(), file);
    }

    /** Writes any model atomically; see {@link #write(Path)}. */
    public static void write(ModelProto model, Path file) {
        try {
            AtomicFiles.write(file, model::writeTo);
        } catch (IOException e) {
            throw new FaceCensusException("Cannot write the ONNX model " + file + ": " + e.getMessage()
                    + ". Check that the folder is writable (it is the model cache, set by -Dfacecensus.models).", e);
        }
    }

    // ---------------------------------------------------------------------------------- helpers

    private NodeProto.Builder node(String op, List<String> inputs) {
        String name = unique(op.toLowerCase(java.util.Locale.ROOT));
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name);
        for (String in : inputs) {
            n.addInput(Objects.requireNonNull(in, op + " input"));
        }
        return n.addOutput(claim(name));
    }

    private String finish(NodeProto.Builder n) {
        graph.addNode(n);
        return n.getOutput(0);
    }

    private String unique(String prefix) {
        while (true) {
            int i = counters.merge(prefix, 1, Integer::sum) - 1;
            String name = prefix + "_" + i;
            if (!names.contains(name) && !reserved.contains(name)) {
                return name;
            }
        }
    }

    private String claim(String name) {
        if (!names.add(Objects.requireNonNull(name, "name"))) {
            throw new IllegalArgumentException("ONNX value name used twice: " + name);
        }
        return name;
    }

    private static void pad(NodeProto.Builder n, Padding padding) {
        if (padding.autoPad() != null) {
            if (!"VALID".equals(padding.autoPad())) {
                n.addAttribute(AttributeProto.newBuilder().setName("auto_pad").setType(AttributeProto.AttributeType.STRING)
                        .setS(ByteString.copyFromUtf8(padding.autoPad())));
            }
        } else {
            long[] p = padding.pads();
            AttributeProto.Builder a = AttributeProto.newBuilder().setName("pads").setType(AttributeProto.AttributeType.INTS);
            for (long v : p) {
                a.addInts(v);
            }
            n.addAttribute(a);
        }
    }

    private static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static AttributeProto ints(String name, int[] values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (int v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static ValueInfoProto valueInfo(String name, long[] dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int i = 0; i < dims.length; i++) {
            TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
            if (dims[i] < 0) {
                d.setDimParam(i == 0 ? "N" : "d" + i);
            } else {
                d.setDimValue(dims[i]);
            }
            shape.addDim(d);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    private static void checkSize(String name, long count, long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != count) {
            throw new IllegalArgumentException("initializer " + name + ": dims need " + n + " values, got " + count);
        }
    }

    private static List<Long> boxed(long[] dims) {
        List<Long> out = new ArrayList<>(dims.length);
        for (long d : dims) {
            out.add(d);
        }
        return out;
    }
}
