package org.facecensus.modeltools.tfjs.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.facecensus.FaceCensusException;
import org.facecensus.modeltools.onnx.OnnxGraphBuilder;
import org.facecensus.modeltools.onnx.Padding;
import org.facecensus.modeltools.onnx.proto.Onnx.AttributeProto;
import org.facecensus.modeltools.onnx.proto.Onnx.ModelProto;
import org.facecensus.modeltools.tfjs.TfjsTensor;

import static org.facecensus.modeltools.onnx.OnnxGraphBuilder.attr;
import static org.facecensus.modeltools.onnx.OnnxGraphBuilder.attrInts;

/**
 * Converts a {@link TfjsGraphModel} to ONNX, node by node, with TensorFlow's semantics kept exactly.
 *
 * <p><b>Layout.</b> Tensors stay NHWC, as in TensorFlow, so shape arithmetic in the graph ({@code Shape},
 * {@code StridedSlice}, {@code Reshape}) means what it meant there. Only the ops ONNX defines on NCHW
 * (convolutions, pooling, resizing, depth-to-space) are wrapped in a transpose pair; the NCHW value of a
 * wrapped op's output is remembered, so two such ops in a row share one pair, and ONNX Runtime's
 * transpose optimiser pushes the rest through element-wise ops.
 *
 * <p><b>Weights.</b> Filters are transposed at conversion time (HWIO → OIHW; depthwise HWCM → (C·M)1HW
 * with {@code group = C}); a fused batch norm is folded into the convolution's weights and bias, in
 * double precision. Integer tensors (shapes, axes) are int64 in ONNX, TF's int32 widened.
 *
 * <p><b>Padding.</b> TF's {@code SAME} is ONNX's {@code SAME_UPPER} (the odd pixel at the end); a dilated SAME
 * convolution (stride 1 in TF) gets the same pads written out, since ONNX Runtime refuses auto_pad with a dilation;
 * {@code EXPLICIT} pads become ONNX pads; average pooling never counts padding, as TF does not.
 *
 * <p>An op outside {@link #SUPPORTED_OPS}, or an attribute value ONNX cannot express, stops the conversion
 * with an error naming the op and the node.
 *
 * <p>Thread-safety: not thread-safe; one converter per conversion ({@link #convert} makes its own).
 */
public final class TfjsGraphConverter {
    /**
     * Bumped whenever a change can alter a converted graph, so cached conversions (keyed by it) are redone:
     * 2 = explicit pads for dilated SAME convolutions, empty reduction axes, shrink with new axes.
     */
    public static final int REVISION = 2;
    /** Every op the converter handles. */
    public static final Set<String> SUPPORTED_OPS = Set.copyOf(new TreeSet<>(List.of(
            "Placeholder", "Const", "Identity", "StopGradient", "Snapshot", "NoOp",
            "Conv2D", "_FusedConv2D", "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative",
            "MatMul", "_FusedMatMul", "BiasAdd", "FusedBatchNorm", "FusedBatchNormV3",
            "Add", "AddV2", "AddN", "Sub", "Mul", "RealDiv", "Div", "Minimum", "Maximum", "Pow", "SquaredDifference",
            "Relu", "Relu6", "Elu", "LeakyRelu", "Prelu", "Sigmoid", "Tanh", "Softmax", "LogSoftmax",
            "Abs", "Neg", "Exp", "Log", "Sqrt", "Rsqrt", "Square", "Reciprocal", "Floor", "Ceil",
            "MaxPool", "AvgPool", "Mean", "Sum", "Max", "Min", "Prod",
            "Reshape", "Squeeze", "ExpandDims", "ConcatV2", "Pack", "Shape", "StridedSlice", "Transpose", "Tile",
            "Pad", "PadV2", "MirrorPad", "ResizeBilinear", "ResizeNearestNeighbor", "DepthToSpace", "Cast")));

    private static final long[] TO_NCHW = {0, 3, 1, 2};
    private static final long[] TO_NHWC = {0, 2, 3, 1};

    private final TfjsGraphModel model;
    private final OnnxGraphBuilder onnx;
    private final Map<String, TfjsNode> byName = new HashMap<>();
    /** TF tensor ({@code node} or {@code node:k}) → its value. */
    private final Map<String, Val> values = new HashMap<>();
    /** An NHWC value made by transposing an NCHW one → that NCHW value. */
    private final Map<String, String> nchwOf = new HashMap<>();
    private int intConstants;

    /**
     * One TF tensor: an ONNX value, or a constant not yet written (it may only feed attributes).
     */
    private static final class Val {
        String name;
        final boolean integer;
        final int rank;
        final TfjsTensor constant;
        final String constName;

        Val(String name, boolean integer, int rank) {
            this.name = name;
            this.integer = integer;
            this.rank = rank;
            this.constant = null;
            this.constName = null;
        }

        Val(TfjsTensor constant, boolean integer, String constName) {
            this.name = null;
            this.integer = integer;
            this.rank = constant.rank();
            this.constant = constant;
            this.constName = constName;
        }
    }

    private TfjsGraphConverter(TfjsGraphModel model, String graphName) {
        this.model = model;
        this.onnx = new OnnxGraphBuilder(graphName);
        model.nodes().forEach(n -> byName.put(n.name(), n));
    }

    /**
     * The ONNX model of {@code model}: its placeholders as float inputs (a {@code -1} dimension dynamic), its
     * outputs named by their TF nodes.
     *
     * @param metadata provenance written to the model's metadata_props
     */
    public static ModelProto convert(TfjsGraphModel model, String graphName, Map<String, String> metadata) {
        TfjsGraphConverter c = new TfjsGraphConverter(model, graphName);
        metadata.forEach(c.onnx::metadata);
        return c.run();
    }

    /** The ops a model uses that the converter does not handle (empty: it converts). */
    public static Set<String> unsupportedOps(TfjsGraphModel model) {
        Set<String> out = new TreeSet<>(model.opCounts().keySet());
        out.removeAll(SUPPORTED_OPS);
        return out;
    }

    private ModelProto run() {
        // The outputs are named by their TF nodes (e.g. 'concat_1', 'squeeze_2'), which may look like the builder's
        // own generated value names; keep them free until the outputs are written.
        model.outputNames().forEach(onnx::reserve);
        for (TfjsNode n : order()) {
            convertNode(n);
        }
        for (int i = 0; i < model.outputs().size(); i++) {
            String out = model.outputs().get(i);
            String name = model.outputNames().get(i);
            Val v = value(out, name);
            onnx.identity(materialize(v), name);
            onnx.outputOfUnknownShape(name, v.integer);
        }
        onnx.producer("facecensus-model-tools tfjs-graph");
        return onnx.build();
    }

    /** The nodes the outputs need, inputs before the nodes that read them. */
    private List<TfjsNode> order() {
        List<TfjsNode> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Deque<Object[]> stack = new ArrayDeque<>();
        for (String out : model.outputs()) {
            stack.push(new Object[] {TfjsGraphModel.nodeOf(out), 0});
            while (!stack.isEmpty()) {
                Object[] top = stack.peek();
                String name = (String) top[0];
                TfjsNode n = byName.get(name);
                if (n == null) {
                    throw new FaceCensusException("The TF.js graph model " + model.source() + " reads tensor '" + name
                            + "', which no node makes; the file is damaged or incomplete.");
                }
                int next = (Integer) top[1];
                if (done.contains(name)) {
                    stack.pop();
                    continue;
                }
                if (next < n.inputs().size()) {
                    top[1] = next + 1;
                    String in = TfjsGraphModel.nodeOf(n.inputs().get(next));
                    if (!done.contains(in)) {
                        stack.push(new Object[] {in, 0});
                    }
                } else {
                    stack.pop();
                    done.add(name);
                    order.add(n);
                }
            }
        }
        return order;
    }

    // ------------------------------------------------------------------------------------- nodes

    private void convertNode(TfjsNode n) {
        Val out = switch (n.op()) {
            case "Placeholder" -> placeholder(n);
            case "Const" -> constant(n);
            case "Identity", "StopGradient", "Snapshot" -> in(n, 0);
            case "NoOp" -> null;
            case "Conv2D", "_FusedConv2D" -> conv(n, false);
            case "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative" -> conv(n, true);
            case "MatMul", "_FusedMatMul" -> matMul(n);
            case "BiasAdd", "Add", "AddV2" -> binary(n, "Add");
            case "Sub" -> binary(n, "Sub");
            case "Mul" -> binary(n, "Mul");
            case "RealDiv", "Div" -> binary(n, "Div");
            case "Minimum" -> binary(n, "Min");
            case "Maximum" -> binary(n, "Max");
            case "Pow" -> binary(n, "Pow");
            case "SquaredDifference" -> {
                String d = onnx.op("Sub", List.of(materialize(in(n, 0)), materialize(in(n, 1))));
                yield new Val(onnx.op("Mul", List.of(d, d)), false, in(n, 0).rank);
            }
            case "AddN" -> {
                List<String> terms = new ArrayList<>();
                n.inputs().forEach(i -> terms.add(materialize(value(i, n.name()))));
                yield new Val(onnx.op("Sum", terms), in(n, 0).integer, in(n, 0).rank);
            }
            case "FusedBatchNorm", "FusedBatchNormV3" -> batchNorm(n);
            case "Relu", "Relu6", "Elu", "LeakyRelu", "Sigmoid", "Tanh" -> {
                Val x = in(n, 0);
                yield new Val(activation(n, n.op(), materialize(x), n.real("alpha", 0.2f), null), false, x.rank);
            }
            case "Prelu" -> {
                Val x = in(n, 0);
                yield new Val(onnx.op("PRelu", List.of(materialize(x), materialize(in(n, 1)))), false, x.rank);
            }
            case "Softmax", "LogSoftmax" -> unary(n, n.op(), attr("axis", -1L));
            case "Abs", "Neg", "Exp", "Log", "Sqrt", "Reciprocal", "Floor", "Ceil" -> unary(n, n.op());
            case "Rsqrt" -> {
                Val x = in(n, 0);
                yield new Val(onnx.op("Reciprocal", List.of(onnx.op("Sqrt", List.of(materialize(x))))), false, x.rank);
            }
            case "Square" -> {
                Val x = in(n, 0);
                String v = materialize(x);
                yield new Val(onnx.op("Mul", List.of(v, v)), x.integer, x.rank);
            }
            case "MaxPool", "AvgPool" -> pool(n);
            case "Mean", "Sum", "Max", "Min", "Prod" -> reduce(n);
            case "Reshape" -> reshape(n);
            case "Squeeze" -> squeeze(n);
            case "ExpandDims" -> {
                Val x = in(n, 0);
                long axis = ints(n, 1)[0];
                yield new Val(onnx.op("Unsqueeze", List.of(materialize(x), int64(new long[] {axis}))), x.integer,
                        x.rank < 0 ? -1 : x.rank + 1);
            }
            case "ConcatV2" -> concat(n);
            case "Pack" -> pack(n);
            case "Shape" -> new Val(onnx.op("Shape", List.of(materialize(in(n, 0)))), true, 1);
            case "StridedSlice" -> stridedSlice(n);
            case "Transpose" -> {
                Val x = in(n, 0);
                yield new Val(onnx.op("Transpose", List.of(materialize(x)), attrInts("perm", ints(n, 1))), x.integer,
                        x.rank);
            }
            case "Tile" -> {
                Val x = in(n, 0);
                yield new Val(onnx.op("Tile", List.of(materialize(x), int64(ints(n, 1)))), x.integer, x.rank);
            }
            case "Pad", "PadV2", "MirrorPad" -> pad(n);
            case "ResizeBilinear", "ResizeNearestNeighbor" -> resize(n);
            case "DepthToSpace" -> depthToSpace(n);
            case "Cast" -> cast(n);
            default -> throw new FaceCensusException("TF.js graph op '" + n.op() + "' (node '" + n.name() + "') in "
                    + model.source() + " is not supported by the converter. Supported ops: " + SUPPORTED_OPS + ".");
        };
        if (out != null) {
            values.put(n.name(), out);
        }
    }

    private Val placeholder(TfjsNode n) {
        long[] shape = model.inputs().get(n.name());
        String dtype = n.type("dtype", "DT_FLOAT");
        if (!dtype.equals("DT_FLOAT")) {
            throw n.unsupported("input type " + dtype + " (only float inputs)");
        }
        return new Val(onnx.input(n.name(), shape), false, shape.length);
    }

    private Val constant(TfjsNode n) {
        TfjsTensor t = model.weights().get(n.name());
        if (t == null) {
            throw new FaceCensusException("The TF.js graph model " + model.source() + " has no weight for its constant '"
                    + n.name() + "'; the .bin files and the model.json do not belong together.");
        }
        String dtype = n.type("dtype", "DT_FLOAT");
        return new Val(t, !dtype.equals("DT_FLOAT"), "const:" + n.name());
    }

    private Val unary(TfjsNode n, String op, AttributeProto... attributes) {
        Val x = in(n, 0);
        return new Val(onnx.op(op, List.of(materialize(x)), attributes), x.integer, x.rank);
    }

    private Val binary(TfjsNode n, String op) {
        Val a = in(n, 0);
        Val b = in(n, 1);
        return new Val(onnx.op(op, List.of(materialize(a), materialize(b))), a.integer && b.integer,
                Math.max(a.rank, b.rank) < 0 ? -1 : Math.max(a.rank, b.rank));
    }

    /** Conv2D (HWIO filter) or depthwise (HWCM filter), with TF's fused bias, batch norm and activation. */
    private Val conv(TfjsNode n, boolean depthwise) {
        Val x = in(n, 0);
        TfjsTensor f = constantOf(n, 1, "the filter");
        if (!n.string("data_format", "NHWC").equals("NHWC")) {
            throw n.unsupported("data_format " + n.string("data_format", ""));
        }
        int kh = f.dim(0);
        int kw = f.dim(1);
        int ci = f.dim(2);
        int co = depthwise ? f.dim(2) * f.dim(3) : f.dim(3);
        double[] w = new double[co * (depthwise ? 1 : ci) * kh * kw];
        for (int h = 0; h < kh; h++) {
            for (int x2 = 0; x2 < kw; x2++) {
                for (int c = 0; c < ci; c++) {
                    if (depthwise) {
                        int m = f.dim(3);
                        for (int j = 0; j < m; j++) {
                            w[((c * m + j) * kh + h) * kw + x2] = f.data()[((h * kw + x2) * ci + c) * m + j];
                        }
                    } else {
                        for (int o = 0; o < co; o++) {
                            w[((o * ci + c) * kh + h) * kw + x2] = f.data()[((h * kw + x2) * ci + c) * co + o];
                        }
                    }
                }
            }
        }
        double[] bias = null;
        List<String> fused = n.strings("fused_ops");
        int k = 0;
        String activation = null;
        if (!fused.isEmpty() && fused.get(0).equals("BiasAdd")) {
            bias = doubles(constantOf(n, 2, "the fused bias").data());
            k = 1;
        } else if (!fused.isEmpty() && (fused.get(0).equals("FusedBatchNorm") || fused.get(0).equals("FusedBatchNormV3"))) {
            float eps = n.real("epsilon", 1e-3f);
            float[] scale = constantOf(n, 2, "the batch norm scale").data();
            float[] offset = constantOf(n, 3, "the batch norm offset").data();
            float[] mean = constantOf(n, 4, "the batch norm mean").data();
            float[] var = constantOf(n, 5, "the batch norm variance").data();
            bias = new double[co];
            int per = w.length / co;
            for (int o = 0; o < co; o++) {
                double mul = scale[o] / Math.sqrt(var[o] + (double) eps);
                for (int i = 0; i < per; i++) {
                    w[o * per + i] *= mul;
                }
                bias[o] = offset[o] - mean[o] * mul;
            }
            k = 1;
        }
        if (k < fused.size()) {
            activation = fused.get(k);
        }
        if (k + 1 < fused.size()) {
            throw n.unsupported("fused ops " + fused);
        }
        if (depthwise && "LeakyRelu".equals(activation)) {
            // FusedDepthwiseConv2dNative is TF.js' own op (its converter fuses only Relu, Relu6, Elu and Prelu into
            // it), and TF.js 4.22 reads no leakyrelu_alpha for it: its WASM backend then uses 0, its CPU backend
            // gives NaN. Such a model has no defined result, so it is refused rather than given an alpha.
            throw n.unsupported("LeakyRelu fused into FusedDepthwiseConv2dNative (TF.js ignores its alpha, so the"
                    + " model has no defined result)");
        }
        String wName = onnx.initializer("const:" + n.name() + "/filter", floats(w), co, depthwise ? 1 : ci, kh, kw);
        List<String> inputs = new ArrayList<>(List.of(nchw(x), wName));
        if (bias != null) {
            inputs.add(onnx.initializer("const:" + n.name() + "/bias", floats(bias), co));
        }
        long[] strides = n.integers("strides", new long[] {1, 1, 1, 1});
        long[] dilations = n.integers("dilations", new long[] {1, 1, 1, 1});
        List<AttributeProto> attrs = new ArrayList<>();
        attrs.add(attrInts("kernel_shape", kh, kw));
        attrs.add(attrInts("strides", strides[1], strides[2]));
        attrs.add(attrInts("dilations", dilations[1], dilations[2]));
        attrs.addAll(OnnxGraphBuilder.paddingAttributes(convPadding(n, kh, kw, strides, dilations)));
        if (depthwise) {
            attrs.add(attr("group", (long) ci));
        }
        String y = onnx.op("Conv", inputs, attrs.toArray(AttributeProto[]::new));
        if (activation != null) {
            y = activation(n, activation, y, n.real("leakyrelu_alpha", 0.2f), preluAlpha(n, co));
        }
        return fromNchw(y);
    }

    /** A fused Prelu's alpha (the argument after the bias), as {@code [C,1,1]} for NCHW; null when not Prelu. */
    private String preluAlpha(TfjsNode n, int channels) {
        if (!n.strings("fused_ops").contains("Prelu")) {
            return null;
        }
        // The alpha is the last argument, after the bias (or the batch norm's four).
        TfjsTensor alpha = constantOf(n, n.inputs().size() - 1, "the fused Prelu alpha");
        return onnx.initializer("const:" + n.name() + "/alpha", alpha.data().clone(), channels, 1, 1);
    }

    /** An activation by TF's name (fused or standalone); {@code preluAlpha} is needed only for Prelu. */
    private String activation(TfjsNode n, String name, String x, float alpha, String preluAlpha) {
        return switch (name) {
            case "Relu" -> onnx.op("Relu", List.of(x));
            case "Relu6" -> onnx.clip(x, 0f, 6f);
            case "Elu" -> onnx.op("Elu", List.of(x));
            case "Sigmoid" -> onnx.op("Sigmoid", List.of(x));
            case "Tanh" -> onnx.op("Tanh", List.of(x));
            case "LeakyRelu" -> onnx.op("LeakyRelu", List.of(x), attr("alpha", alpha));
            case "Prelu" -> {
                if (preluAlpha == null) {
                    throw n.unsupported("a fused Prelu without its alpha");
                }
                yield onnx.op("PRelu", List.of(x, preluAlpha));
            }
            default -> throw n.unsupported("fused activation " + name);
        };
    }

    private Val matMul(TfjsNode n) {
        Val a = in(n, 0);
        Val b = in(n, 1);
        String left = materialize(a);
        if (n.bool("transpose_a", false)) {
            left = onnx.op("Transpose", List.of(left), attrInts("perm", 1, 0));
        }
        String right;
        if (b.constant != null && b.rank == 2) {
            TfjsTensor t = b.constant;
            boolean tb = n.bool("transpose_b", false);
            int rows = tb ? t.dim(1) : t.dim(0);
            int cols = tb ? t.dim(0) : t.dim(1);
            float[] data = new float[rows * cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    data[r * cols + c] = tb ? t.data()[c * t.dim(1) + r] : t.data()[r * cols + c];
                }
            }
            right = onnx.initializer("const:" + n.name() + "/weights", data, rows, cols);
        } else {
            right = materialize(b);
            if (n.bool("transpose_b", false)) {
                right = onnx.op("Transpose", List.of(right), attrInts("perm", 1, 0));
            }
        }
        String y = onnx.op("MatMul", List.of(left, right));
        List<String> fused = n.strings("fused_ops");
        int k = 0;
        if (!fused.isEmpty() && fused.get(0).equals("BiasAdd")) {
            y = onnx.op("Add", List.of(y, materialize(in(n, 2))));
            k = 1;
        }
        if (k < fused.size()) {
            String alpha = fused.get(k).equals("Prelu") ? materialize(in(n, 3)) : null;
            y = activation(n, fused.get(k), y, n.real("leakyrelu_alpha", 0.2f), alpha);
        }
        if (k + 1 < fused.size()) {
            throw n.unsupported("fused ops " + fused);
        }
        return new Val(y, false, 2);
    }

    private Val batchNorm(TfjsNode n) {
        Val x = in(n, 0);
        if (!n.string("data_format", "NHWC").equals("NHWC") || n.bool("is_training", false)) {
            throw n.unsupported("a training-mode or non-NHWC batch norm");
        }
        float[] scale = constantOf(n, 1, "the scale").data();
        float[] offset = constantOf(n, 2, "the offset").data();
        float[] mean = constantOf(n, 3, "the mean").data();
        float[] var = constantOf(n, 4, "the variance").data();
        double eps = n.real("epsilon", 1e-3f);
        float[] mul = new float[scale.length];
        float[] add = new float[scale.length];
        for (int c = 0; c < scale.length; c++) {
            double m = scale[c] / Math.sqrt(var[c] + eps);
            mul[c] = (float) m;
            add[c] = (float) (offset[c] - mean[c] * m);
        }
        String y = onnx.op("Mul", List.of(materialize(x), onnx.initializer("const:" + n.name() + "/mul", mul, mul.length)));
        return new Val(onnx.op("Add", List.of(y, onnx.initializer("const:" + n.name() + "/add", add, add.length))),
                false, x.rank);
    }

    private Val pool(TfjsNode n) {
        Val x = in(n, 0);
        long[] k = n.integers("ksize", null);
        long[] s = n.integers("strides", null);
        if (k == null || s == null || k.length != 4 || k[0] != 1 || k[3] != 1) {
            throw n.unsupported("pooling window " + Arrays.toString(k) + " (only 2-D windows over H and W)");
        }
        List<AttributeProto> attrs = new ArrayList<>();
        attrs.add(attrInts("kernel_shape", k[1], k[2]));
        attrs.add(attrInts("strides", s[1], s[2]));
        attrs.addAll(OnnxGraphBuilder.paddingAttributes(padding(n)));
        // TF's average never counts padded cells: ONNX's count_include_pad = 0, the default.
        return fromNchw(onnx.op(n.op().equals("MaxPool") ? "MaxPool" : "AveragePool", List.of(nchw(x)),
                attrs.toArray(AttributeProto[]::new)));
    }

    private Val reduce(TfjsNode n) {
        Val x = in(n, 0);
        long[] axes = ints(n, 1);
        boolean keep = n.bool("keep_dims", false);
        if (axes.length == 0) {
            // TF reduces over no axis at all (the input unchanged); ONNX reads empty axes as "every axis".
            return x;
        }
        String y = switch (n.op()) {
            // Opset 13: ReduceSum takes its axes as an input, the others as an attribute.
            case "Sum" -> onnx.op("ReduceSum", List.of(materialize(x), int64(axes)), attr("keepdims", keep ? 1L : 0L));
            default -> onnx.op(switch (n.op()) {
                case "Mean" -> "ReduceMean";
                case "Max" -> "ReduceMax";
                case "Min" -> "ReduceMin";
                default -> "ReduceProd";
            }, List.of(materialize(x)), attrInts("axes", axes), attr("keepdims", keep ? 1L : 0L));
        };
        return new Val(y, x.integer, x.rank < 0 ? -1 : keep ? x.rank : x.rank - axes.length);
    }

    private Val reshape(TfjsNode n) {
        Val x = in(n, 0);
        Val shape = in(n, 1);
        String s = shape.constant != null ? int64(longs(shape.constant)) : materialize(shape);
        int rank = shape.constant != null ? (int) TfjsTensor.size(shape.constant.shape()) : -1;
        return new Val(onnx.op("Reshape", List.of(materialize(x), s)), x.integer, rank);
    }

    private Val squeeze(TfjsNode n) {
        Val x = in(n, 0);
        long[] axes = n.integers("squeeze_dims", new long[0]);
        if (axes.length == 0) {
            return new Val(onnx.op("Squeeze", List.of(materialize(x))), x.integer, -1);
        }
        return new Val(onnx.op("Squeeze", List.of(materialize(x), int64(axes))), x.integer,
                x.rank < 0 ? -1 : x.rank - axes.length);
    }

    private Val concat(TfjsNode n) {
        int count = n.inputs().size() - 1;
        long axis = ints(n, count)[0];
        List<String> parts = new ArrayList<>();
        boolean integer = true;
        int rank = -1;
        for (int i = 0; i < count; i++) {
            Val v = in(n, i);
            parts.add(materialize(v));
            integer &= v.integer;
            rank = Math.max(rank, v.rank);
        }
        return new Val(onnx.op("Concat", parts, attr("axis", axis)), integer, rank);
    }

    private Val pack(TfjsNode n) {
        long axis = n.integer("axis", 0);
        List<String> parts = new ArrayList<>();
        boolean integer = true;
        int rank = -1;
        for (int i = 0; i < n.inputs().size(); i++) {
            Val v = in(n, i);
            integer &= v.integer;
            rank = v.rank;
            long at = axis < 0 ? (v.rank < 0 ? fail(n, "a negative axis on a tensor of unknown rank") : axis + v.rank + 1) : axis;
            parts.add(onnx.op("Unsqueeze", List.of(materialize(v), int64(new long[] {at}))));
        }
        long at = axis < 0 ? axis + rank + 1 : axis;
        return new Val(onnx.op("Concat", parts, attr("axis", at)), integer, rank < 0 ? -1 : rank + 1);
    }

    /**
     * TF's StridedSlice with constant begin, end and strides: masked bounds become the full range, shrunk axes
     * are squeezed, new axes added after; an ellipsis needs the input's rank.
     */
    private Val stridedSlice(TfjsNode n) {
        Val x = in(n, 0);
        long[] begin = ints(n, 1);
        long[] end = ints(n, 2);
        long[] strides = ints(n, 3);
        long beginMask = n.integer("begin_mask", 0);
        long endMask = n.integer("end_mask", 0);
        long ellipsisMask = n.integer("ellipsis_mask", 0);
        long newAxisMask = n.integer("new_axis_mask", 0);
        long shrinkMask = n.integer("shrink_axis_mask", 0);
        List<Long> starts = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        List<Long> axes = new ArrayList<>();
        List<Long> steps = new ArrayList<>();
        List<Long> squeeze = new ArrayList<>();
        List<Long> unsqueeze = new ArrayList<>();
        int axis = 0;
        int outAxis = 0;
        for (int i = 0; i < begin.length; i++) {
            long bit = 1L << i;
            if ((ellipsisMask & bit) != 0) {
                if (x.rank < 0) {
                    throw n.unsupported("an ellipsis on a tensor of unknown rank");
                }
                int remaining = 0;
                for (int j = i + 1; j < begin.length; j++) {
                    remaining += (newAxisMask & (1L << j)) != 0 ? 0 : 1;
                }
                int skip = x.rank - axis - remaining;
                axis += skip;
                outAxis += skip;
                continue;
            }
            if ((newAxisMask & bit) != 0) {
                unsqueeze.add((long) outAxis);
                outAxis++;
                continue;
            }
            long step = strides[i];
            if (step == 0) {
                throw n.unsupported("a stride of 0");
            }
            long start = (beginMask & bit) != 0 ? (step > 0 ? 0 : Long.MAX_VALUE) : begin[i];
            long stop = (endMask & bit) != 0 ? (step > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : end[i];
            if ((shrinkMask & bit) != 0) {
                start = begin[i];
                stop = start == -1 ? Long.MAX_VALUE : start + 1;
                step = 1;
                squeeze.add((long) axis);
            } else {
                outAxis++;
            }
            starts.add(start);
            ends.add(stop);
            axes.add((long) axis);
            steps.add(step);
            axis++;
        }
        // Squeeze before unsqueeze: the shrunk axes are numbered in the slice's output, the new axes in the final
        // output (outAxis counts kept and new axes, never shrunk ones), so the two masks can be combined.
        String y = onnx.op("Slice", List.of(materialize(x), int64(unbox(starts)), int64(unbox(ends)), int64(unbox(axes)),
                int64(unbox(steps))));
        int rank = x.rank;
        if (!squeeze.isEmpty()) {
            y = onnx.op("Squeeze", List.of(y, int64(unbox(squeeze))));
            rank = rank < 0 ? -1 : rank - squeeze.size();
        }
        if (!unsqueeze.isEmpty()) {
            y = onnx.op("Unsqueeze", List.of(y, int64(unbox(unsqueeze))));
            rank = rank < 0 ? -1 : rank + unsqueeze.size();
        }
        return new Val(y, x.integer, rank);
    }

    private Val pad(TfjsNode n) {
        Val x = in(n, 0);
        long[] p = ints(n, 1);
        int r = p.length / 2;
        long[] pads = new long[p.length];
        for (int i = 0; i < r; i++) {
            pads[i] = p[2 * i];
            pads[r + i] = p[2 * i + 1];
        }
        List<String> inputs = new ArrayList<>(List.of(materialize(x), int64(pads)));
        AttributeProto mode = attr("mode", "constant");
        if (n.op().equals("PadV2")) {
            inputs.add(materialize(in(n, 2)));
        } else if (n.op().equals("MirrorPad")) {
            String m = n.string("mode", "REFLECT");
            if (!m.equals("REFLECT")) {
                throw n.unsupported("MirrorPad mode " + m + " (ONNX pads by reflection only)");
            }
            mode = attr("mode", "reflect");
        }
        return new Val(onnx.op("Pad", inputs, mode), x.integer, x.rank);
    }

    /**
     * TF's image resize, on NCHW with the sizes {@code [N, C] ++ size}; TF's three coordinate rules map to
     * ONNX's align_corners, half_pixel (bilinear) or tf_half_pixel_for_nn (nearest), and asymmetric.
     */
    private Val resize(TfjsNode n) {
        Val x = in(n, 0);
        long[] size = ints(n, 1);
        boolean align = n.bool("align_corners", false);
        boolean half = n.bool("half_pixel_centers", false);
        boolean bilinear = n.op().equals("ResizeBilinear");
        String mode = align ? "align_corners" : half ? (bilinear ? "half_pixel" : "tf_half_pixel_for_nn") : "asymmetric";
        String xc = nchw(x);
        String batchChannels = onnx.op("Slice", List.of(onnx.op("Shape", List.of(xc)), int64(new long[] {0}),
                int64(new long[] {2})));
        String sizes = onnx.op("Concat", List.of(batchChannels, int64(size)), attr("axis", 0L));
        List<AttributeProto> attrs = new ArrayList<>();
        attrs.add(attr("mode", bilinear ? "linear" : "nearest"));
        attrs.add(attr("coordinate_transformation_mode", mode));
        if (!bilinear) {
            // TF rounds half away from zero with align_corners and floors otherwise.
            attrs.add(attr("nearest_mode", align ? "round_prefer_ceil" : "floor"));
        }
        return fromNchw(onnx.op("Resize", List.of(xc, "", "", sizes), attrs.toArray(AttributeProto[]::new)));
    }

    private Val depthToSpace(TfjsNode n) {
        if (!n.string("data_format", "NHWC").equals("NHWC")) {
            throw n.unsupported("data_format " + n.string("data_format", ""));
        }
        // TF's NHWC depth-to-space orders the moved channels as ONNX's DCR mode does.
        return fromNchw(onnx.op("DepthToSpace", List.of(nchw(in(n, 0))), attr("blocksize", n.integer("block_size", 2)),
                attr("mode", "DCR")));
    }

    private Val cast(TfjsNode n) {
        Val x = in(n, 0);
        String to = n.type("DstT", "DT_FLOAT");
        return switch (to) {
            case "DT_FLOAT" -> x.integer ? new Val(onnx.op("Cast", List.of(materialize(x)), attr("to", 1L)), false, x.rank)
                    : x;
            case "DT_INT32", "DT_INT64" -> x.integer ? x
                    : new Val(onnx.op("Cast", List.of(materialize(x)), attr("to", 7L)), true, x.rank);
            default -> throw n.unsupported("a cast to " + to);
        };
    }

    // ------------------------------------------------------------------------------------ values

    private Val in(TfjsNode n, int i) {
        if (i >= n.inputs().size()) {
            throw n.unsupported("a missing input " + i);
        }
        return value(n.inputs().get(i), n.name());
    }

    private Val value(String tensor, String reader) {
        String key = tensor.endsWith(":0") ? tensor.substring(0, tensor.length() - 2) : tensor;
        Val v = values.get(key);
        if (v == null) {
            throw new FaceCensusException("TF.js graph node '" + reader + "' reads '" + tensor + "', which the converter"
                    + " has no value for (a multi-output op, or a node out of order)");
        }
        return v;
    }

    /** The ONNX value of {@code v}, writing a constant as an initializer on first use. */
    private String materialize(Val v) {
        if (v.name == null) {
            long[] dims = new long[v.constant.rank()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = v.constant.dim(i);
            }
            v.name = v.integer ? onnx.initializerInt64(v.constName, longs(v.constant), dims)
                    : onnx.initializer(v.constName, v.constant.data().clone(), dims);
        }
        return v.name;
    }

    private TfjsTensor constantOf(TfjsNode n, int i, String what) {
        Val v = in(n, i);
        if (v.constant == null) {
            throw n.unsupported(what + " computed in the graph (it must be a constant)");
        }
        return v.constant;
    }

    private long[] ints(TfjsNode n, int i) {
        return longs(constantOf(n, i, "input " + i));
    }

    /** An int64 vector constant made by the converter (axes, pads, slice bounds). */
    private String int64(long[] values) {
        return onnx.initializerInt64("ints:" + intConstants++, values, values.length);
    }

    private String nchw(Val x) {
        String v = materialize(x);
        String known = nchwOf.get(v);
        return known != null ? known : onnx.op("Transpose", List.of(v), attrInts("perm", TO_NCHW));
    }

    private Val fromNchw(String y) {
        String out = onnx.op("Transpose", List.of(y), attrInts("perm", TO_NHWC));
        nchwOf.put(out, y);
        return new Val(out, false, 4);
    }

    /**
     * A convolution's padding. ONNX Runtime refuses {@code auto_pad = SAME_UPPER} with a dilation above 1
     * ("Dilation not supported for AutoPadType::SAME_UPPER"), so a dilated SAME convolution gets explicit pads
     * instead: TF (and TF.js) allow a dilation only with stride 1, where SAME pads {@code (k - 1) · d} in all,
     * the odd one at the end, whatever the input's size.
     */
    private Padding convPadding(TfjsNode n, int kh, int kw, long[] strides, long[] dilations) {
        Padding p = padding(n);
        if (p != Padding.SAME_UPPER || (dilations[1] == 1 && dilations[2] == 1)) {
            return p;
        }
        if (strides[1] != 1 || strides[2] != 1) {
            throw n.unsupported("a SAME convolution with both a stride and a dilation above 1 (TF has none)");
        }
        long th = (kh - 1) * dilations[1];
        long tw = (kw - 1) * dilations[2];
        return Padding.explicit(th / 2, tw / 2, th - th / 2, tw - tw / 2);
    }

    private Padding padding(TfjsNode n) {
        String p = n.string("padding", "VALID");
        return switch (p) {
            case "SAME" -> Padding.SAME_UPPER;
            case "VALID" -> Padding.VALID;
            case "EXPLICIT" -> {
                long[] e = n.integers("explicit_paddings", new long[8]);
                yield Padding.explicit(e[2], e[4], e[3], e[5]);
            }
            default -> throw n.unsupported("padding " + p);
        };
    }

    private static long fail(TfjsNode n, String what) {
        throw n.unsupported(what);
    }

    private static long[] longs(TfjsTensor t) {
        long[] out = new long[t.data().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) t.data()[i];
        }
        return out;
    }

    private static long[] unbox(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private static double[] doubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
