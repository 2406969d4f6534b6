package org.facecensus.modeltools.tfjs.graph;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.facecensus.FaceCensusException;
import org.facecensus.modeltools.onnx.OnnxGraphBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph converter op by op, each against TensorFlow.js 4.22 itself: every case is a tiny TF.js graph model
 * written by {@link GraphJson} (one Placeholder {@code x} with seeded random or structured values, the op under
 * test, constants), run in TF.js ({@link TfjsReference}, WASM backend) and, converted by
 * {@link TfjsGraphConverter}, on ONNX Runtime; shapes must be equal and values within {@value #TOLERANCE}
 * (relative to the value where it exceeds 1).
 *
 * <p>Each test is one group: one graph whose outputs are the cases (the nodes nothing else reads), so that a group
 * costs one Node process. A failing group reports every failing case in it.
 *
 * <p>Where TF.js' WASM backend cannot be the reference, the test says so and uses another:
 * <ul>
 *   <li>a conv or depthwise conv with a fused {@code FusedBatchNorm}: TF.js refuses it (real TF graphs have it, the
 *       converter folds it), so it is checked against the unfused chain {@code Conv2D → FusedBatchNormV3 (→ Relu)}
 *       in the same graph, which is what TF defines it to be;</li>
 *   <li>{@code _FusedMatMul} with a transpose and a bias: WASM adds the bias wrongly, so TF.js' CPU backend;</li>
 *   <li>StridedSlice with a shrunk axis and a negative stride: both TF.js backends fail (CPU throws, WASM returns
 *       wrong values), so TF's semantics written out by hand.</li>
 * </ul>
 * {@code FusedDepthwiseConv2dNative} with a fused LeakyRelu has no defined result in TF.js (no alpha is read; WASM
 * uses 0, CPU gives NaN): the converter refuses it, as it refuses what ONNX cannot express ({@link #refusals}).
 */
class TfjsGraphOpsTest {
    static final double TOLERANCE = 1e-5;

    @TempDir
    static Path tmp;

    // ------------------------------------------------------------------------------ convolutions

    @Test
    void conv2d() {
        GraphJson g = new GraphJson();
        String x = g.placeholder("x", 1, 7, 9, 3);
        String w33 = g.constant("w33", rand(1, 3 * 3 * 3 * 4, -1, 1), 3, 3, 3, 4);
        String w22 = g.constant("w22", rand(2, 2 * 2 * 3 * 4, -1, 1), 2, 2, 3, 4);
        String w44 = g.constant("w44", rand(3, 4 * 4 * 3 * 4, -1, 1), 4, 4, 3, 4);
        String big = g.constant("w33big", rand(4, 3 * 3 * 3 * 4, -3, 3), 3, 3, 3, 4);
        String bias = g.constant("bias4", rand(5, 4, -1, 1), 4);
        String alpha = g.constant("alpha4", new float[] {0.1f, 0.25f, -0.3f, 0.5f}, 4);
        for (String pad : List.of("SAME", "VALID")) {
            for (int s : new int[] {1, 2}) {
                conv(g, "conv_" + pad + "_s" + s, "Conv2D", x, w33, pad, s, 1);
                conv(g, "conv2x2_" + pad + "_s" + s, "Conv2D", x, w22, pad, s, 1);
            }
            conv(g, "conv4x4_" + pad + "_s1", "Conv2D", x, w44, pad, 1, 1);
            conv(g, "conv_dil2_" + pad, "Conv2D", x, w33, pad, 1, 2);
        }
        conv(g, "conv4x4_SAME_s2", "Conv2D", x, w44, "SAME", 2, 1);
        // EXPLICIT: [batch, H (top, bottom), W (left, right), channels]
        conv(g, "conv_explicit_s1", "Conv2D", x, w33, "EXPLICIT", 1, 1).ints("explicit_paddings", 0, 0, 1, 2, 2, 0, 0, 0);
        conv(g, "conv_explicit_s2", "Conv2D", x, w33, "EXPLICIT", 2, 1).ints("explicit_paddings", 0, 0, 0, 1, 3, 1, 0, 0);
        String plain = conv(g, "conv_plain", "Conv2D", x, w33, "SAME", 1, 1).name;
        g.op("conv_biasadd", "BiasAdd", plain, bias).s("data_format", "NHWC");

        fused(g, "fused_bias", "_FusedConv2D", x, w33, "SAME", 1, List.of(bias), "BiasAdd");
        fused(g, "fused_bias_s2_valid", "_FusedConv2D", x, w33, "VALID", 2, List.of(bias), "BiasAdd");
        fused(g, "fused_relu", "_FusedConv2D", x, big, "SAME", 2, List.of(bias), "BiasAdd", "Relu");
        fused(g, "fused_relu6", "_FusedConv2D", x, big, "SAME", 1, List.of(bias), "BiasAdd", "Relu6");
        fused(g, "fused_elu", "_FusedConv2D", x, big, "VALID", 1, List.of(bias), "BiasAdd", "Elu");
        fused(g, "fused_leakyrelu", "_FusedConv2D", x, big, "SAME", 1, List.of(bias), "BiasAdd", "LeakyRelu")
                .f("leakyrelu_alpha", 0.15);
        fused(g, "fused_prelu", "_FusedConv2D", x, big, "SAME", 2, List.of(bias, alpha), "BiasAdd", "Prelu");
        fused(g, "fused_dil2_relu", "_FusedConv2D", x, big, "SAME", 1, List.of(bias), "BiasAdd", "Relu")
                .ints("dilations", 1, 2, 2, 1);
        fused(g, "fused_explicit_relu", "_FusedConv2D", x, big, "EXPLICIT", 1, List.of(bias), "BiasAdd", "Relu")
                .ints("explicit_paddings", 0, 0, 2, 0, 1, 1, 0, 0);

        // Batch norm: folded into the conv by the converter; TF.js runs the unfused chain.
        String scale = g.constant("bn/scale", rand(6, 4, 0.5f, 2), 4);
        String offset = g.constant("bn/offset", rand(7, 4, -1, 1), 4);
        String mean = g.constant("bn/mean", rand(8, 4, -1, 1), 4);
        String var = g.constant("bn/var", rand(9, 4, 0.2f, 3), 4);
        String ref = conv(g, "ref_conv", "Conv2D", x, big, "SAME", 2, 1).name;
        String refBn = g.op("ref_bn", "FusedBatchNormV3", ref, scale, offset, mean, var).f("epsilon", 0.001)
                .s("data_format", "NHWC").b("is_training", false).type("U", "DT_FLOAT").name;
        g.op("ref_bn_relu", "Relu", refBn);
        fused(g, "fused_bn", "_FusedConv2D", x, big, "SAME", 2, List.of(scale, offset, mean, var), "FusedBatchNorm")
                .f("epsilon", 0.001);
        fused(g, "fused_bn_relu", "_FusedConv2D", x, big, "SAME", 2, List.of(scale, offset, mean, var),
                "FusedBatchNorm", "Relu").f("epsilon", 0.001);
        // A standalone FusedBatchNorm (v1) on the input.
        String s3 = g.constant("bn3/scale", rand(10, 3, 0.5f, 2), 3);
        String o3 = g.constant("bn3/offset", rand(11, 3, -1, 1), 3);
        String m3 = g.constant("bn3/mean", rand(12, 3, -1, 1), 3);
        String v3 = g.constant("bn3/var", rand(13, 3, 0.2f, 3), 3);
        g.op("bn_v1", "FusedBatchNorm", x, s3, o3, m3, v3).f("epsilon", 0.0001).s("data_format", "NHWC")
                .b("is_training", false);

        check("conv2d", g, rand(100, 7 * 9 * 3, -1, 1), new int[] {1, 7, 9, 3}, TfjsReference.WASM,
                Map.of("fused_bn", "ref_bn", "fused_bn_relu", "ref_bn_relu"));
    }

    @Test
    void depthwiseConv2d() {
        GraphJson g = new GraphJson();
        String x = g.placeholder("x", 1, 7, 9, 3);
        String m1 = g.constant("dw_m1", rand(20, 3 * 3 * 3, -1, 1), 3, 3, 3, 1);
        String m2 = g.constant("dw_m2", rand(21, 3 * 3 * 3 * 2, -2, 2), 3, 3, 3, 2);
        String m2k2 = g.constant("dw_m2k2", rand(22, 2 * 2 * 3 * 2, -2, 2), 2, 2, 3, 2);
        String b3 = g.constant("dw_b3", rand(23, 3, -1, 1), 3);
        String b6 = g.constant("dw_b6", rand(24, 6, -1, 1), 6);
        String a6 = g.constant("dw_a6", new float[] {0.1f, 0.2f, 0.3f, -0.1f, 0.5f, 0.05f}, 6);
        for (String pad : List.of("SAME", "VALID")) {
            for (int s : new int[] {1, 2}) {
                conv(g, "dw_m1_" + pad + "_s" + s, "DepthwiseConv2dNative", x, m1, pad, s, 1);
                conv(g, "dw_m2_" + pad + "_s" + s, "DepthwiseConv2dNative", x, m2, pad, s, 1);
            }
            conv(g, "dw_m2_dil2_" + pad, "DepthwiseConv2dNative", x, m2, pad, 1, 2);
        }
        conv(g, "dw_m2k2_SAME_s2", "DepthwiseConv2dNative", x, m2k2, "SAME", 2, 1);
        fused(g, "fdw_m1_bias", "FusedDepthwiseConv2dNative", x, m1, "SAME", 2, List.of(b3), "BiasAdd");
        fused(g, "fdw_m1_relu6", "FusedDepthwiseConv2dNative", x, m1, "SAME", 2, List.of(b3), "BiasAdd", "Relu6");
        fused(g, "fdw_m2_relu", "FusedDepthwiseConv2dNative", x, m2, "SAME", 2, List.of(b6), "BiasAdd", "Relu");
        fused(g, "fdw_m2_relu_valid", "FusedDepthwiseConv2dNative", x, m2, "VALID", 1, List.of(b6), "BiasAdd", "Relu");
        fused(g, "fdw_m2_prelu", "FusedDepthwiseConv2dNative", x, m2, "SAME", 2, List.of(b6, a6), "BiasAdd", "Prelu");
        fused(g, "fdw_m2_elu", "FusedDepthwiseConv2dNative", x, m2, "VALID", 2, List.of(b6), "BiasAdd", "Elu");
        // Batch norm folded into the depthwise filter (per output channel c·M + m); TF.js runs the unfused chain.
        String scale = g.constant("dbn/scale", rand(25, 6, 0.5f, 2), 6);
        String offset = g.constant("dbn/offset", rand(26, 6, -1, 1), 6);
        String mean = g.constant("dbn/mean", rand(27, 6, -1, 1), 6);
        String var = g.constant("dbn/var", rand(28, 6, 0.2f, 3), 6);
        String ref = conv(g, "ref_dw", "DepthwiseConv2dNative", x, m2, "SAME", 2, 1).name;
        g.op("ref_dw_bn", "FusedBatchNormV3", ref, scale, offset, mean, var).f("epsilon", 0.001).s("data_format", "NHWC")
                .b("is_training", false).type("U", "DT_FLOAT");
        fused(g, "fdw_bn", "FusedDepthwiseConv2dNative", x, m2, "SAME", 2, List.of(scale, offset, mean, var),
                "FusedBatchNorm").f("epsilon", 0.001);
        check("depthwise", g, rand(101, 7 * 9 * 3, -2, 2), new int[] {1, 7, 9, 3}, TfjsReference.WASM,
                Map.of("fdw_bn", "ref_dw_bn"));
    }

    @Test
    void matMul() {
        GraphJson g = new GraphJson();
        String x = g.placeholder("x", 4, 6);
        String w63 = g.constant("w63", rand(30, 18, -1, 1), 6, 3);
        String w36 = g.constant("w36", rand(31, 18, -1, 1), 3, 6);
        String w45 = g.constant("w45", rand(32, 20, -1, 1), 4, 5);
        String w54 = g.constant("w54", rand(33, 20, -1, 1), 5, 4);
        String w34 = g.constant("w34", rand(34, 12, -1, 1), 3, 4);
        String w43 = g.constant("w43", rand(35, 12, -1, 1), 4, 3);
        String b3 = g.constant("mb3", rand(36, 3, -1, 1), 3);
        String a3 = g.constant("ma3", new float[] {0.1f, -0.2f, 0.3f}, 3);
        matMul(g, "mm", x, w63, false, false);
        matMul(g, "mm_tb", x, w36, false, true);
        matMul(g, "mm_ta", x, w45, true, false);                  // [6,4]·[4,5]
        matMul(g, "mm_ta_tb", x, w54, true, true);                // [6,4]·[4,5]
        matMul(g, "mm_const_a", w34, x, false, false);            // [3,4]·[4,6]: a dynamic right side
        matMul(g, "mm_const_a_ta", w43, x, true, false);          // [3,4]·[4,6]
        matMul(g, "mm_dyn_tb", w36, x, false, true);              // [3,6]·[6,4]
        fusedMatMul(g, "fmm_bias", x, w63, false, false, List.of(b3), "BiasAdd");
        fusedMatMul(g, "fmm_relu", x, w63, false, false, List.of(b3), "BiasAdd", "Relu");
        fusedMatMul(g, "fmm_prelu", x, w63, false, false, List.of(b3, a3), "BiasAdd", "Prelu");
        fusedMatMul(g, "fmm_leaky", x, w63, false, false, List.of(b3), "BiasAdd", "LeakyRelu").f("leakyrelu_alpha", 0.05);
        check("matmul", g, rand(102, 24, -3, 3), new int[] {4, 6}, TfjsReference.WASM, Map.of());
    }

    /**
     * _FusedMatMul with transpose_a or transpose_b and a bias, on TF.js' CPU backend: the WASM kernel adds the bias
     * wrongly when a or b is transposed (TF.js 4.22: {@code [[1,2,3],[4,5,-6]]·bᵀ + bias} gives a wrong second row on
     * WASM, while CPU and the unfused MatMul → Add agree), so WASM cannot be the reference there.
     */
    @Test
    void fusedMatMulTransposedOnCpu() {
        GraphJson g = new GraphJson();
        String x = g.placeholder("x", 4, 6);
        String w36 = g.constant("w36", rand(31, 18, -1, 1), 3, 6);
        String w45 = g.constant("w45", rand(32, 20, -1, 1), 4, 5);
        String w54 = g.constant("w54", rand(33, 20, -1, 1), 5, 4);
        String b3 = g.constant("mb3", rand(36, 3, -1, 1), 3);
        String b4 = g.constant("mb4", rand(38, 4, -1, 1), 4);
        String b5 = g.constant("mb5", rand(37, 5, -1, 1), 5);
        fusedMatMul(g, "fmm_ta_relu6", x, w45, true, false, List.of(b5), "BiasAdd", "Relu6");
        fusedMatMul(g, "fmm_tb_bias", x, w36, false, true, List.of(b3), "BiasAdd");
        fusedMatMul(g, "fmm_tb_relu", x, w36, false, true, List.of(b3), "BiasAdd", "Relu");
        fusedMatMul(g, "fmm_ta_tb_relu6", x, w54, true, true, List.of(b5), "BiasAdd", "Relu6");
        fusedMatMul(g, "fmm_dyn_tb_relu", w36, x, false, true, List.of(b4), "BiasAdd", "Relu");
        check("matmul-tb-cpu", g, rand(102, 24, -3, 3), new int[] {4, 6}, TfjsReference.CPU, Map.of());
    }

    // -------------------------------------------------------------------------------------- pools

    @Test
    void pooling() {
        GraphJson g = new GraphJson();
        String x = g.placeholder("x", 1, 7, 9, 3);
        for (String op : List.of("MaxPool", "AvgPool")) {
            for (String pad : List.of("SAME", "VALID")) {
                pool(g, op + "_k3s2_" + pad, op, x, 3, 2, pad);
                pool(g, op + "_k2s2_" + pad, op, x, 2, 2, pad);
                pool(g, op + "_k3s1_" + pad, op, x, 3, 1, pad);
            }
            pool(g, op + "_k4s3_SAME", op, x, 4, 3, "SAME");
        }
        // All-positive input, so a SAME average that counted the padded zeros would show.
        check("pooling", g, rand(103, 7 * 9 * 3, 0.5f, 2), new int[] {1, 7, 9, 3}, TfjsReference.WASM, Map.of());
    }

    // ---------------------------------------------------------------------------- element-wise

    @Test
    void binaryWithBroadcasting() {
        GraphJson g = new GraphJson();
        String x = g.placeholder("x", 1, 4, 5, 3);
        String c3 = g.constant("c3", new float[] {0.7f, -1.3f, 2.1f}, 3);
        String s = g.scalar("s", 1.7f);
        String c51 = g.constant("c51", rand(40, 5, -2, 2), 5, 1);
        String full = g.constant("full", rand(41, 60, -1, 1), 1, 4, 5, 3);
        String c1413 = g.constant("c1413", rand(42, 12, -1, 1), 1, 4, 1, 3);
        g.op("add_c3", "Add", x, c3);
        g.op("addv2_s", "AddV2", x, s);
        g.op("addv2_s_first", "AddV2", s, x);
        g.op("add_c1413", "AddV2", x, c1413);
        g.op("sub_c3", "Sub", x, c3);
        g.op("sub_c3_first", "Sub", c3, x);
        g.op("sub_s", "Sub", x, s);
        g.op("mul_c51", "Mul", x, c51);
        g.op("mul_s", "Mul", s, x);
        g.op("div_c3", "RealDiv", x, c3);
        g.op("div_s", "RealDiv", x, s);
        g.op("div_op", "Div", x, c51);
        g.op("min_c3", "Minimum", x, c3);
        g.op("min_s", "Minimum", x, g.scalar("s0", 0.25f));
        g.op("max_c3", "Maximum", x, c3);
        g.op("max_full", "Maximum", full, x);
        g.op("sqdiff_c3", "SquaredDifference", x, c3);
        g.op("sqdiff_s", "SquaredDifference", s, x);
        g.op("addn", "AddN", x, full, x).i("N", 3);
        g.op("biasadd", "BiasAdd", x, c3).s("data_format", "NHWC");
        g.op("pow_int_exponent", "Pow", x, g.scalar("two", 2f));
        g.op("pow_int_exponents", "Pow", x, g.constant("exps", new float[] {1, 2, 3}, 3));
        check("binary", g, rand(104, 60, -3, 3), new int[] {1, 4, 5, 3}, TfjsReference.WASM, Map.of());
    }

    @Test
    void unary() {
        GraphJson g = new GraphJson();
        String x = g.placeholder("x", 1, 4, 5, 3);
        for (String op : List.of("Relu", "Relu6", "Elu", "Sigmoid", "Tanh", "Softmax", "LogSoftmax", "Abs", "Neg", "Exp",
                "Floor", "Ceil", "Square", "Reciprocal", "Identity")) {
            g.op(op.toLowerCase(Locale.ROOT), op, x);
        }
        g.op("leakyrelu_default", "LeakyRelu", x);
        g.op("leakyrelu_0.1", "LeakyRelu", x).f("alpha", 0.1);
        g.op("prelu", "Prelu", x, g.constant("alpha3", new float[] {0.1f, 0.25f, -0.5f}, 3));
        g.op("prelu_full", "Prelu", x, g.constant("alpha453", rand(50, 60, -0.5f, 0.5f), 4, 5, 3));
        // [-8, 8] with a few exact integers and halves: Floor, Ceil, Relu6's edge
        float[] in = rand(105, 60, -8, 8);
        float[] exact = {0, 6, -6, 0.5f, -0.5f, 2, -3, 6.5f, -1, 1};
        System.arraycopy(exact, 0, in, 0, exact.length);
        check("unary", g, in, new int[] {1, 4, 5, 3}, TfjsReference.WASM, Map.of());
    }

    @Test
    void unaryOnPositiveInputs() {
        GraphJson g = new GraphJson();
        String x = g.placeholder("x", 1, 4, 5, 3);
        g.op("log", "Log", x);
        g.op("sqrt", "Sqrt", x);
        g.op("rsqrt", "Rsqrt", x);
        g.op("reciprocal", "Reciprocal", x);
        g.op("pow_c3", "Pow", x, g.constant("e3", new float[] {-1.5f, 0.5f, 2.5f}, 3));
        g.op("pow_s", "Pow", x, g.scalar("e", 2.5f));
        g.op("pow_base", "Pow", g.constant("b3", new float[] {0.5f, 1.5f, 3f}, 3), x);
        check("positive", g, rand(106, 60, 0.05f, 4), new int[] {1, 4, 5, 3}, TfjsReference.WASM, Map.of());
    }

    // ---------------------------------------------------------------------------------- reductions

    @Test
    void reductions() {
        GraphJson g = new GraphJson();
        String x = g.placeholder("x", 2, 3, 4, 5);
        int k = 0;
        for (String op : List.of("Mean", "Sum", "Max", "Min", "Prod")) {
            for (int[] axes : new int[][] {{1}, {1, 2}, {-1}, {0, 3}, {0, 1, 2, 3}, {-3, -1}}) {
                for (boolean keep : new boolean[] {true, false}) {
                    String name = op.toLowerCase(Locale.ROOT) + "_" + Arrays.toString(axes).replaceAll("[\\[\\] ]", "")
                            .replace(',', '_') + (keep ? "_keep" : "");
                    g.op(name, op, x, g.vector("axes" + k++, axes)).b("keep_dims", keep).type("Tidx", "DT_INT32");
                }
            }
            g.op(op.toLowerCase(Locale.ROOT) + "_scalar_axis", op, x, g.intScalar("axes" + k++, 2))
                    .b("keep_dims", false);
            // no axis: TF leaves the input as it is
            g.op(op.toLowerCase(Locale.ROOT) + "_no_axis", op, x, g.ints("axes" + k++, new int[0], 0))
                    .b("keep_dims", false);
        }
        check("reduce", g, rand(107, 120, 0.6f, 1.4f), new int[] {2, 3, 4, 5}, TfjsReference.WASM, Map.of());
    }

    // --------------------------------------------------------------------------------- shape ops

    @Test
    void shapeOps() {
        GraphJson g = new GraphJson();
        String x = g.placeholder("x", 2, 3, 4, 6);
        g.op("reshape_m1_12", "Reshape", x, g.vector("shape1", -1, 12)).type("Tshape", "DT_INT32");
        g.op("reshape_2_m1_6", "Reshape", x, g.vector("shape2", 2, -1, 6));
        g.op("expand_0", "ExpandDims", x, g.intScalar("ax0", 0));
        g.op("expand_m1", "ExpandDims", x, g.intScalar("axm1", -1));
        g.op("expand_2", "ExpandDims", x, g.vector("ax2", 2));
        g.op("concat_m1", "ConcatV2", x, g.constant("cc", rand(60, 2 * 3 * 4 * 2, -1, 1), 2, 3, 4, 2),
                g.intScalar("axis_m1", -1)).i("N", 2);
        g.op("concat_1", "ConcatV2", x, x, x, g.intScalar("axis_1", 1)).i("N", 3);
        g.op("concat_m3", "ConcatV2", x, x, g.intScalar("axis_m3", -3)).i("N", 2);
        String other = g.constant("packed", rand(61, 144, -1, 1), 2, 3, 4, 6);
        g.op("pack_0", "Pack", x, other).i("axis", 0).i("N", 2);
        g.op("pack_m1", "Pack", x, other, x).i("axis", -1).i("N", 3);
        g.op("pack_2", "Pack", x, other).i("axis", 2).i("N", 2);
        g.op("transpose", "Transpose", x, g.vector("perm", 0, 3, 1, 2));
        g.op("transpose_rev", "Transpose", x, g.vector("perm2", 3, 2, 1, 0));
        g.op("tile", "Tile", x, g.vector("reps", 1, 2, 1, 3));
        g.op("pad", "Pad", x, g.ints("pads", new int[] {0, 0, 1, 2, 0, 3, 1, 0}, 4, 2));
        g.op("padv2", "PadV2", x, g.ints("pads2", new int[] {1, 0, 2, 1, 0, 0, 0, 2}, 4, 2), g.scalar("padval", 0.5f));
        g.op("mirror_reflect", "MirrorPad", x, g.ints("pads3", new int[] {0, 0, 2, 1, 1, 3, 0, 0}, 4, 2))
                .s("mode", "REFLECT");
        check("shape", g, rand(108, 144, -1, 1), new int[] {2, 3, 4, 6}, TfjsReference.WASM, Map.of());
    }

    @Test
    void squeeze() {
        GraphJson g = new GraphJson();
        String x = g.placeholder("x", 1, 3, 1, 4);
        g.op("squeeze_all", "Squeeze", x);
        g.op("squeeze_2", "Squeeze", x).ints("squeeze_dims", 2);
        g.op("squeeze_0_m2", "Squeeze", x).ints("squeeze_dims", 0, -2);
        g.op("squeeze_empty_list", "Squeeze", x).ints("squeeze_dims");
        check("squeeze", g, rand(109, 12, -1, 1), new int[] {1, 3, 1, 4}, TfjsReference.WASM, Map.of());
    }

    /** Shape → StridedSlice → Pack → Reshape with a batch size known only when the graph runs. */
    @Test
    void dynamicShapeChain() {
        GraphJson g = new GraphJson();
        String x = g.placeholder("x", -1, 3, 4, 6);
        String shape = g.op("shape", "Shape", x).type("out_type", "DT_INT32").name;
        String batch = stridedSlice(g, "batch", shape, new int[] {0}, new int[] {1}, new int[] {1}, 0, 0, 0, 0, 1).name;
        String hw = stridedSlice(g, "hw", shape, new int[] {1}, new int[] {3}, new int[] {1}, 0, 0, 0, 0, 0).name;
        String packed = g.op("packed", "Pack", batch, g.intScalar("minus1", -1)).i("axis", 0).i("N", 2).type("T",
                "DT_INT32").name;
        g.op("flat", "Reshape", x, packed);
        String packed3 = g.op("packed3", "Pack", batch, g.intScalar("twelve", 12), g.intScalar("minus1b", -1))
                .i("axis", 0).i("N", 3).type("T", "DT_INT32").name;
        g.op("reshape3", "Reshape", x, packed3);
        // Keras' Flatten: Reshape(x, Pack(batch, Prod(shape[1:])))
        String rest = stridedSlice(g, "rest", shape, new int[] {1}, new int[] {0}, new int[] {1}, 0, 1, 0, 0, 0).name;
        String prod = g.op("rest_prod", "Prod", rest, g.intScalar("prod_axis", 0)).b("keep_dims", false)
                .type("T", "DT_INT32").name;
        String flatShape = g.op("flat_shape", "Pack", batch, prod).i("axis", 0).i("N", 2).type("T", "DT_INT32").name;
        g.op("keras_flatten", "Reshape", x, flatShape);
        g.op("shape_out", "Identity", shape).type("T", "DT_INT32");
        g.op("hw_out", "Identity", hw).type("T", "DT_INT32");
        check("dynamic-shape", g, rand(110, 2 * 72, -1, 1), new int[] {2, 3, 4, 6}, TfjsReference.WASM, Map.of());
    }

    @Test
    void stridedSlice() {
        GraphJson g = new GraphJson();
        String x = g.placeholder("x", 2, 5, 6, 3);
        // x[:, 1:4, ::2, :]
        stridedSlice(g, "ss_range_step2", x, new int[] {0, 1, 0, 0}, new int[] {0, 4, 0, 0}, new int[] {1, 1, 2, 1},
                0b1101, 0b1101, 0, 0, 0);
        // x[:, ::-1, 4:0:-2, :]
        stridedSlice(g, "ss_negative_strides", x, new int[] {0, 0, 4, 0}, new int[] {0, 0, 0, 0},
                new int[] {1, -1, -2, 1}, 0b1011, 0b1011, 0, 0, 0);
        // x[:, 3::-1]  (end masked, negative stride)
        stridedSlice(g, "ss_negative_end_masked", x, new int[] {0, 3}, new int[] {0, 0}, new int[] {1, -1},
                0b01, 0b11, 0, 0, 0);
        // x[:, -1:-4:-1, -2::-3]
        stridedSlice(g, "ss_negative_bounds_reverse", x, new int[] {0, -1, -2}, new int[] {0, -4, 0},
                new int[] {1, -1, -3}, 0b001, 0b101, 0, 0, 0);
        // x[:, -4:-1]
        stridedSlice(g, "ss_negative_bounds", x, new int[] {0, -4}, new int[] {0, -1}, new int[] {1, 1}, 1, 1, 0, 0, 0);
        // x[:, 1:100]  (end past the dimension)
        stridedSlice(g, "ss_clamped_end", x, new int[] {0, 1}, new int[] {0, 100}, new int[] {1, 1}, 1, 1, 0, 0, 0);
        // x[:, 2, :, 1]
        stridedSlice(g, "ss_shrink", x, new int[] {0, 2, 0, 1}, new int[] {0, 3, 0, 2}, new int[] {1, 1, 1, 1},
                0b0101, 0b0101, 0, 0, 0b1010);
        // x[:, -1]
        stridedSlice(g, "ss_shrink_minus1", x, new int[] {0, -1}, new int[] {0, 0}, new int[] {1, 1}, 1, 1, 0, 0, 0b10);
        // x[1, -2]
        stridedSlice(g, "ss_shrink_two", x, new int[] {1, -2}, new int[] {2, -1}, new int[] {1, 1}, 0, 0, 0, 0, 0b11);
        // x[..., 1:3]
        stridedSlice(g, "ss_ellipsis", x, new int[] {0, 1}, new int[] {0, 3}, new int[] {1, 1}, 0, 0, 0b01, 0, 0);
        // x[1, ..., 1:3]
        stridedSlice(g, "ss_ellipsis_middle", x, new int[] {1, 0, 1}, new int[] {2, 0, 3}, new int[] {1, 1, 1},
                0, 0, 0b010, 0, 0b001);
        // x[..., ::-1]
        stridedSlice(g, "ss_ellipsis_reverse", x, new int[] {0, 0}, new int[] {0, 0}, new int[] {1, -1},
                0b10, 0b10, 0b01, 0, 0);
        // x[..., 0]
        stridedSlice(g, "ss_ellipsis_shrink", x, new int[] {0, 0}, new int[] {0, 1}, new int[] {1, 1}, 0, 0, 0b01, 0, 0b10);
        // x[:, tf.newaxis, 1:3]
        stridedSlice(g, "ss_new_axis", x, new int[] {0, 0, 1}, new int[] {0, 0, 3}, new int[] {1, 1, 1}, 0b001, 0b001,
                0, 0b010, 0);
        // x[..., tf.newaxis]
        stridedSlice(g, "ss_ellipsis_new_axis", x, new int[] {0, 0}, new int[] {0, 0}, new int[] {1, 1}, 0, 0, 0b01,
                0b10, 0);
        // x[tf.newaxis, ..., 2:, tf.newaxis]
        stridedSlice(g, "ss_two_new_axes", x, new int[] {0, 0, 2, 0}, new int[] {0, 0, 0, 0}, new int[] {1, 1, 1, 1},
                0, 0b0100, 0b0010, 0b1001, 0);
        // x[0, tf.newaxis, :, 1]
        stridedSlice(g, "ss_shrink_new_axis", x, new int[] {0, 0, 0, 1}, new int[] {1, 0, 0, 2}, new int[] {1, 1, 1, 1},
                0b0100, 0b0100, 0, 0b0010, 0b1001);
        check("strided-slice", g, iota(2 * 5 * 6 * 3), new int[] {2, 5, 6, 3}, TfjsReference.WASM, Map.of());
    }

    /**
     * StridedSlice with a shrunk axis and a negative stride on another: TF.js 4.22 cannot be the reference there
     * (its CPU backend throws "Requested out of range element", its WASM backend returns wrong values), so these
     * cases are checked against TF's semantics written out by hand on an iota input (each value its own flat index).
     */
    @Test
    void stridedSliceShrinkWithNegativeStrideAgainstTfSemantics() {
        GraphJson g = new GraphJson();
        String x = g.placeholder("x", 2, 5, 6, 3);
        // x[1, ..., ::-1]
        stridedSlice(g, "ss_shrink_ellipsis_reverse", x, new int[] {1, 0, 0}, new int[] {2, 0, 0},
                new int[] {1, 1, -1}, 0b100, 0b100, 0b010, 0, 0b001);
        // x[:, -1, ::-1]
        stridedSlice(g, "ss_shrink_then_reverse", x, new int[] {0, -1, 0}, new int[] {0, 0, 0}, new int[] {1, 1, -1},
                0b101, 0b101, 0, 0, 0b010);
        // x[-1, 4:0:-2, 1]
        stridedSlice(g, "ss_shrink_step_minus2", x, new int[] {-1, 4, 1}, new int[] {0, 0, 2}, new int[] {1, -2, 1},
                0, 0, 0, 0, 0b101);
        Path json = g.write(tmp.resolve("strided-slice-tf"));
        Path onnx = tmp.resolve("strided-slice-tf.onnx");
        OnnxGraphBuilder.write(TfjsGraphConverter.convert(TfjsGraphModel.read(json), "ss", Map.of()), onnx);
        Map<String, Tensor> out = ort(onnx, "x", iota(180), new int[] {2, 5, 6, 3});
        // flat index of x[n][h][w][c] in [2,5,6,3]
        List<Float> a = new ArrayList<>();
        for (int h = 0; h < 5; h++) {
            for (int w = 0; w < 6; w++) {
                for (int c = 0; c < 3; c++) {
                    a.add((float) (((1 * 5 + h) * 6 + w) * 3 + (2 - c)));
                }
            }
        }
        List<Float> b = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
            for (int w = 0; w < 6; w++) {
                for (int c = 0; c < 3; c++) {
                    b.add((float) (((n * 5 + 4) * 6 + (5 - w)) * 3 + c));
                }
            }
        }
        List<Float> c3 = new ArrayList<>();
        for (int h = 0; h < 2; h++) {
            for (int c = 0; c < 3; c++) {
                c3.add((float) (((1 * 5 + (4 - 2 * h)) * 6 + 1) * 3 + c));
            }
        }
        assertAll(
                () -> assertTensor(new int[] {5, 6, 3}, a, out.get("ss_shrink_ellipsis_reverse")),
                () -> assertTensor(new int[] {2, 6, 3}, b, out.get("ss_shrink_then_reverse")),
                () -> assertTensor(new int[] {2, 3}, c3, out.get("ss_shrink_step_minus2")));
    }

    private static void assertTensor(int[] shape, List<Float> values, Tensor actual) {
        assertArrayEquals(shape, actual.shape(), "shape");
        float[] expected = new float[values.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = values.get(i);
        }
        assertArrayEquals(expected, actual.data());
    }

    // ------------------------------------------------------------------------------------- images

    @Test
    void resize() {
        GraphJson g = new GraphJson();
        String x = g.placeholder("x", 1, 5, 7, 2);
        int k = 0;
        for (String op : List.of("ResizeBilinear", "ResizeNearestNeighbor")) {
            for (int[] size : new int[][] {{9, 4}, {3, 11}, {10, 14}, {2, 3}, {1, 3}}) {
                for (String mode : List.of("asymmetric", "align_corners", "half_pixel")) {
                    GraphJson.Node n = g.op(op + "_" + size[0] + "x" + size[1] + "_" + mode, op, x,
                            g.vector("size" + k++, size));
                    n.b("align_corners", mode.equals("align_corners")).b("half_pixel_centers", mode.equals("half_pixel"));
                }
            }
        }
        check("resize", g, rand(111, 70, -1, 1), new int[] {1, 5, 7, 2}, TfjsReference.WASM, Map.of());
    }

    @Test
    void depthToSpace() {
        GraphJson g = new GraphJson();
        String x = g.placeholder("x", 1, 3, 4, 8);
        g.op("d2s_2", "DepthToSpace", x).i("block_size", 2).s("data_format", "NHWC");
        // A conv before and after, as in real graphs: the NCHW value is shared.
        String w = g.constant("w", rand(70, 8 * 8, -1, 1), 1, 1, 8, 8);
        String c = conv(g, "pre_conv", "Conv2D", x, w, "SAME", 1, 1).name;
        String d = g.op("d2s_after_conv", "DepthToSpace", c).i("block_size", 2).s("data_format", "NHWC").name;
        conv(g, "post_conv", "Conv2D", d, g.constant("w2", rand(71, 2 * 3, -1, 1), 1, 1, 2, 3), "SAME", 1, 1);
        check("depth-to-space", g, iota(96), new int[] {1, 3, 4, 8}, TfjsReference.WASM, Map.of());
    }

    @Test
    void cast() {
        GraphJson g = new GraphJson();
        String x = g.placeholder("x", 1, 4, 5, 3);
        String i = g.op("to_int", "Cast", x).type("SrcT", "DT_FLOAT").type("DstT", "DT_INT32").b("Truncate", false).name;
        g.op("to_int_out", "Identity", i).type("T", "DT_INT32");
        g.op("back_to_float", "Cast", i).type("SrcT", "DT_INT32").type("DstT", "DT_FLOAT");
        float[] in = rand(112, 60, -8, 8);
        float[] exact = {0, -0.5f, 0.5f, -1, 1, -1.5f, 2.999f, -2.999f};
        System.arraycopy(exact, 0, in, 0, exact.length);
        check("cast", g, in, new int[] {1, 4, 5, 3}, TfjsReference.WASM, Map.of());
    }

    // ---------------------------------------------------------------------------------- refusals

    @Test
    void unsupportedOpNamesTheOpAndTheNode() {
        for (String op : List.of("Fill", "NonMaxSuppressionV3")) {
            GraphJson g = new GraphJson();
            String x = g.placeholder("x", 1, 4);
            String node = "my_" + op.toLowerCase(Locale.ROOT);
            if (op.equals("Fill")) {
                g.op(node, op, g.vector("dims", 2, 3), x);
            } else {
                g.op(node, op, x, x, g.intScalar("max", 3), g.scalar("iou", 0.5f));
            }
            TfjsGraphModel model = TfjsGraphModel.read(g.write(tmp.resolve("unsupported-" + op)));
            assertEquals(Set.of(op), TfjsGraphConverter.unsupportedOps(model));
            FaceCensusException e = assertThrows(FaceCensusException.class,
                    () -> TfjsGraphConverter.convert(model, "unsupported", Map.of()));
            assertTrue(e.getMessage().contains("'" + op + "'") && e.getMessage().contains("'" + node + "'"),
                    e.getMessage());
        }
    }

    /** What ONNX cannot express exactly, or what has no defined result, is refused with the node named. */
    @Test
    void refusals() {
        GraphJson g = new GraphJson();
        String x = g.placeholder("x", 1, 7, 9, 3);
        String m2 = g.constant("dw_m2", rand(21, 54, -1, 1), 3, 3, 3, 2);
        fused(g, "fdw_leaky", "FusedDepthwiseConv2dNative", x, m2, "SAME", 1,
                List.of(g.constant("b6", new float[6], 6)), "BiasAdd", "LeakyRelu").f("leakyrelu_alpha", 0.3);
        GraphJson g2 = new GraphJson();
        String x2 = g2.placeholder("x", 1, 7, 9, 3);
        g2.op("symmetric", "MirrorPad", x2, g2.ints("p", new int[] {0, 0, 1, 1, 1, 1, 0, 0}, 4, 2)).s("mode", "SYMMETRIC");
        GraphJson g3 = new GraphJson();
        String x3 = g3.placeholder("x", 1, 7, 9, 3);
        conv(g3, "strided_dilated", "Conv2D", x3, g3.constant("w", rand(1, 108, -1, 1), 3, 3, 3, 4), "SAME", 2, 2);
        int k = 0;
        for (var c : List.of(Map.entry(g, "'fdw_leaky' (FusedDepthwiseConv2dNative): LeakyRelu fused"),
                Map.entry(g2, "'symmetric' (MirrorPad): MirrorPad mode SYMMETRIC"),
                Map.entry(g3, "'strided_dilated' (Conv2D): a SAME convolution with both a stride and a dilation"))) {
            TfjsGraphModel model = TfjsGraphModel.read(c.getKey().write(tmp.resolve("refused-" + k++)));
            FaceCensusException e = assertThrows(FaceCensusException.class,
                    () -> TfjsGraphConverter.convert(model, "refused", Map.of()));
            assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------ builders

    private static GraphJson.Node conv(GraphJson g, String name, String op, String x, String filter, String pad,
                                       int stride, int dilation) {
        return g.op(name, op, x, filter).s("padding", pad).ints("strides", 1, stride, stride, 1)
                .ints("dilations", 1, dilation, dilation, 1).s("data_format", "NHWC");
    }

    private static GraphJson.Node fused(GraphJson g, String name, String op, String x, String filter, String pad,
                                        int stride, List<String> args, String... fusedOps) {
        List<String> inputs = new ArrayList<>(List.of(x, filter));
        inputs.addAll(args);
        GraphJson.Node n = g.op(name, op, inputs.toArray(String[]::new)).s("padding", pad)
                .ints("strides", 1, stride, stride, 1).ints("dilations", 1, 1, 1, 1).s("data_format", "NHWC")
                .strings("fused_ops", fusedOps).i("num_args", args.size());
        return n;
    }

    private static GraphJson.Node matMul(GraphJson g, String name, String a, String b, boolean ta, boolean tb) {
        return g.op(name, "MatMul", a, b).b("transpose_a", ta).b("transpose_b", tb);
    }

    private static GraphJson.Node fusedMatMul(GraphJson g, String name, String a, String b, boolean ta, boolean tb,
                                              List<String> args, String... fusedOps) {
        List<String> inputs = new ArrayList<>(List.of(a, b));
        inputs.addAll(args);
        return g.op(name, "_FusedMatMul", inputs.toArray(String[]::new)).b("transpose_a", ta).b("transpose_b", tb)
                .strings("fused_ops", fusedOps).i("num_args", args.size());
    }

    private static GraphJson.Node pool(GraphJson g, String name, String op, String x, int k, int s, String pad) {
        return g.op(name, op, x).ints("ksize", 1, k, k, 1).ints("strides", 1, s, s, 1).s("padding", pad)
                .s("data_format", "NHWC");
    }

    private static GraphJson.Node stridedSlice(GraphJson g, String name, String x, int[] begin, int[] end,
                                               int[] strides, int beginMask, int endMask, int ellipsisMask,
                                               int newAxisMask, int shrinkMask) {
        return g.op(name, "StridedSlice", x, g.vector(name + "/begin", begin), g.vector(name + "/end", end),
                        g.vector(name + "/strides", strides))
                .i("begin_mask", beginMask).i("end_mask", endMask).i("ellipsis_mask", ellipsisMask)
                .i("new_axis_mask", newAxisMask).i("shrink_axis_mask", shrinkMask).type("Index", "DT_INT32");
    }

    static float[] rand(long seed, int n, float lo, float hi) {
        Random r = new Random(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = lo + (hi - lo) * r.nextFloat();
        }
        return out;
    }

    /** 0, 1, 2, …: every value tells where it came from (slices, reshapes, depth-to-space). */
    static float[] iota(int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    // ------------------------------------------------------------------------------------- checks

    /** One output: its shape and values as floats. */
    record Tensor(int[] shape, float[] data) {
    }

    /**
     * Writes the graph, runs it in TF.js on {@code backend} and, converted, on ONNX Runtime, and checks every
     * output (the graph's leaves) for shape and values. {@code referenceOf} names, for an output, the TF.js node
     * to compare it with when that is not the output itself.
     */
    private static void check(String label, GraphJson g, float[] input, int[] shape, String backend,
                              Map<String, String> referenceOf) {
        TfjsReference.assumeAvailable();
        Path json = g.write(tmp.resolve(label));
        TfjsGraphModel model = TfjsGraphModel.read(json);
        assertEquals(g.leaves(), model.outputs(), "the model's outputs are the graph's leaves");
        assertEquals(Set.of(), TfjsGraphConverter.unsupportedOps(model));
        Set<String> asked = new LinkedHashSet<>();
        model.outputs().forEach(o -> asked.add(referenceOf.getOrDefault(o, o)));

        long t0 = System.nanoTime();
        TfjsReference.Result reference = TfjsReference.runFull(json, Map.of("x", input), Map.of("x", shape),
                List.copyOf(asked), backend);
        long t1 = System.nanoTime();
        Path onnx = tmp.resolve(label + ".onnx");
        OnnxGraphBuilder.write(TfjsGraphConverter.convert(model, label, Map.of()), onnx);
        Map<String, Tensor> converted = ort(onnx, "x", input, shape);
        long t2 = System.nanoTime();

        List<Executable> checks = new ArrayList<>();
        double[] worst = {0};
        String[] worstName = {""};
        for (int i = 0; i < model.outputs().size(); i++) {
            String out = model.outputs().get(i);
            String name = model.outputNames().get(i);
            TfjsReference.Output expected = reference.outputs().get(referenceOf.getOrDefault(out, out));
            Tensor actual = converted.get(name);
            checks.add(() -> {
                assertTrue(expected != null, label + "/" + out + ": TF.js gave no output");
                assertTrue(actual != null, label + "/" + out + ": ONNX gave no output");
                assertArrayEquals(expected.shape(), actual.shape(), label + "/" + out + ": shape (TF.js "
                        + Arrays.toString(expected.shape()) + ", ONNX " + Arrays.toString(actual.shape()) + ")");
                double maxRel = 0;
                int at = -1;
                for (int k = 0; k < actual.data().length; k++) {
                    float e = expected.data()[k];
                    float a = actual.data()[k];
                    // equal infinities (1/0) and NaN against NaN count as agreement
                    double d = e == a || Float.isNaN(e) && Float.isNaN(a) ? 0 : Math.abs(a - e) / Math.max(1, Math.abs(e));
                    if (!(d <= maxRel)) {
                        maxRel = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
                        at = k;
                    }
                }
                if (maxRel > worst[0]) {
                    worst[0] = maxRel;
                    worstName[0] = out;
                }
                double m = maxRel;
                int w = at;
                assertTrue(maxRel <= TOLERANCE, () -> String.format(Locale.ROOT,
                        "%s/%s: max relative diff %.3g at %d (TF.js %s, ONNX %s); TF.js %s…, ONNX %s…", label, out, m, w,
                        w < 0 ? "?" : expected.data()[w], w < 0 ? "?" : actual.data()[w],
                        head(expected.data()), head(actual.data())));
            });
        }
        try {
            assertAll(label, checks);
        } finally {
            System.out.printf(Locale.ROOT, "%s: %d cases, TF.js %s %s (%d ms: %s), convert + ORT %d ms, worst %.1e (%s)%n",
                    label, model.outputs().size(), reference.tfjs(), reference.backend(), (t1 - t0) / 1_000_000,
                    reference.timingsMs(), (t2 - t1) / 1_000_000, worst[0], worstName[0]);
        }
    }

    private static String head(float[] a) {
        return Arrays.toString(Arrays.copyOf(a, Math.min(a.length, 8)));
    }

    /** Runs a converted model on ONNX Runtime: every output with its shape, float or int64 (as floats). */
    static Map<String, Tensor> ort(Path model, String input, float[] data, int[] shape) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] dims = Arrays.stream(shape).asLongStream().toArray();
        try (OrtSession s = env.createSession(model.toString(), new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), dims);
             OrtSession.Result r = s.run(Map.of(input, t))) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (var e : r) {
                OnnxTensor o = (OnnxTensor) e.getValue();
                TensorInfo info = o.getInfo();
                int[] oshape = Arrays.stream(info.getShape()).mapToInt(Math::toIntExact).toArray();
                float[] values;
                if (info.type == OnnxJavaType.FLOAT) {
                    FloatBuffer fb = o.getFloatBuffer();
                    values = new float[fb.remaining()];
                    fb.get(values);
                } else if (info.type == OnnxJavaType.INT64) {
                    LongBuffer lb = o.getLongBuffer();
                    values = new float[lb.remaining()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = lb.get(i);
                    }
                } else {
                    throw new AssertionError(e.getKey() + ": unexpected ONNX output type " + info.type);
                }
                out.put(e.getKey(), new Tensor(oshape, values));
            }
            return out;
        } catch (OrtException e) {
            throw new AssertionError("ONNX Runtime failed on " + model + ": " + e.getMessage(), e);
        }
    }
}
