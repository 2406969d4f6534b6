package org.facecensus.modeltools.faceapi;

import java.util.Map;

import org.facecensus.modeltools.onnx.OnnxGraphBuilder;
import org.facecensus.modeltools.onnx.Padding;
import org.facecensus.modeltools.tfjs.TfLayouts;
import org.facecensus.modeltools.tfjs.TfjsTensor;
import org.facecensus.modeltools.tfjs.TfjsWeights;

/**
 * face-api.js' building blocks ({@code src/common}, {@code src/faceFeatureExtractor},
 * {@code src/xception}) as ONNX nodes, with face-api's own weight names as initialiser names.
 * All tensors are NCHW; TF's {@code 'same'} padding is ONNX {@code SAME_UPPER}.
 *
 * <p>Thread-safety: not thread-safe (wraps one builder).
 */
final class FaceApiGraphs {
    private static final int[] ONE = {1, 1};
    private static final int[] TWO = {2, 2};

    private final OnnxGraphBuilder g;
    private final TfjsWeights w;

    FaceApiGraphs(OnnxGraphBuilder g, TfjsWeights w) {
        this.g = g;
        this.w = w;
    }

    OnnxGraphBuilder graph() {
        return g;
    }

    /** {@code tf.add(tf.conv2d(x, filters, stride, 'same'), bias)}. */
    String conv(String x, String prefix, int stride) {
        TfjsTensor f = w.get(prefix + "/filters", 4);
        String wf = g.initializer(prefix + "/filters", TfLayouts.hwioToOihw(f), TfLayouts.oihwDims(f));
        String b = bias(prefix + "/bias");
        return g.conv(x, wf, b, stride == 1 ? ONE : TWO, Padding.SAME_UPPER, 1);
    }

    /**
     * {@code depthwiseSeparableConv}: {@code tf.separableConv2d(x, depthwise, pointwise, stride,
     * 'same') + bias}: a depthwise Conv (group = channels, no bias) then a 1x1 Conv with the bias.
     */
    String separable(String x, String prefix, int stride) {
        TfjsTensor d = w.get(prefix + "/depthwise_filter", 4);
        TfjsTensor p = w.get(prefix + "/pointwise_filter", 4);
        String wd = g.initializer(prefix + "/depthwise_filter", TfLayouts.depthwiseToOnnx(d), TfLayouts.depthwiseDims(d));
        String wp = g.initializer(prefix + "/pointwise_filter", TfLayouts.hwioToOihw(p), TfLayouts.oihwDims(p));
        String b = bias(prefix + "/bias");
        String dw = g.conv(x, wd, null, stride == 1 ? ONE : TWO, Padding.SAME_UPPER, d.dim(2));
        return g.conv(dw, wp, b, ONE, Padding.VALID, 1);
    }

    /** {@code denseBlock4} of {@code faceFeatureExtractor/denseBlock.ts}, with its exact order of sums. */
    String denseBlock4(String x, String prefix, boolean firstLayer) {
        String out1 = g.relu(firstLayer ? conv(x, prefix + "/conv0", 2) : separable(x, prefix + "/conv0", 2));
        String out2 = separable(out1, prefix + "/conv1", 1);
        String in3 = g.relu(g.add(out1, out2));
        String out3 = separable(in3, prefix + "/conv2", 1);
        String in4 = g.relu(g.add(out1, g.add(out2, out3)));
        String out4 = separable(in4, prefix + "/conv3", 1);
        return g.relu(g.add(out1, g.add(out2, g.add(out3, out4))));
    }

    /** {@code reductionBlock} of {@code xception/TinyXception.ts}. */
    String reductionBlock(String x, String prefix, boolean activateInput) {
        String out = activateInput ? g.relu(x) : x;
        out = separable(out, prefix + "/separable_conv0", 1);
        out = separable(g.relu(out), prefix + "/separable_conv1", 1);
        out = g.maxPool(out, new int[] {3, 3}, TWO, Padding.SAME_UPPER);
        return g.add(out, conv(x, prefix + "/expansion_conv", 2));
    }

    /** {@code mainBlock} of {@code xception/TinyXception.ts}. */
    String mainBlock(String x, String prefix) {
        String out = separable(g.relu(x), prefix + "/separable_conv0", 1);
        out = separable(g.relu(out), prefix + "/separable_conv1", 1);
        out = separable(g.relu(out), prefix + "/separable_conv2", 1);
        return g.add(out, x);
    }

    /** {@code fullyConnectedLayer}: {@code matMul(x, weights) + bias} on a {@code [N, in]} input. */
    String fullyConnected(String x, String prefix) {
        TfjsTensor wt = w.get(prefix + "/weights", 2);
        String wi = g.initializer(prefix + "/weights", wt.data(), wt.dim(0), wt.dim(1));
        return g.gemm(x, wi, bias(prefix + "/bias"));
    }

    /** {@code tf.avgPool(x, [k, k], [2, 2], 'valid')} then {@code as2D(N, -1)} (spatial is 1x1 here). */
    String avgPoolFlatten(String x, int k) {
        return g.flatten(g.averagePool(x, new int[] {k, k}, TWO, Padding.VALID), 1);
    }

    private String bias(String name) {
        TfjsTensor b = w.get(name, 1);
        return g.initializer(name, b.data(), b.dim(0));
    }

    static void provenance(OnnxGraphBuilder g, Map<String, String> metadata) {
        metadata.forEach(g::metadata);
    }
}
