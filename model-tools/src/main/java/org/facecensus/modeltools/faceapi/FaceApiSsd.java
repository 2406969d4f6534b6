package org.facecensus.modeltools.faceapi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.facecensus.FaceCensusException;
import org.facecensus.modeltools.onnx.ModelToolsVersion;
import org.facecensus.modeltools.onnx.OnnxGraphBuilder;
import org.facecensus.modeltools.onnx.Padding;
import org.facecensus.modeltools.onnx.proto.Onnx.ModelProto;
import org.facecensus.modeltools.tfjs.TfLayouts;
import org.facecensus.modeltools.tfjs.TfjsTensor;
import org.facecensus.modeltools.tfjs.TfjsWeights;

/**
 * face-api.js' {@code SsdMobilenetv1} face detector ({@code src/ssdMobilenetv1}) as an ONNX graph,
 * up to the raw SSD outputs: {@code mobileNetV1} (13 depthwise-separable pairs, batch norm folded
 * into the depthwise filters, ReLU6), {@code predictionLayer} (8 extra pointwise convs, 6 box
 * predictors on 32², 16², 8², 4², 2², 1² feature maps) and the concatenations in face-api's order.
 * {@code outputLayer}'s anchor decoding, the sigmoid and the NMS stay in Java; the anchors are
 * {@link #anchors}.
 *
 * <p>Input {@value #INPUT} {@code [N, 3, 512, 512]}: the image padded to a square at the bottom or
 * right with zeros, resized (TF legacy bilinear) to 512, divided by 127.5, minus 1.
 * Outputs {@value #BOX_ENCODINGS} {@code [N, 5118, 4]} ({@code ty, tx, th, tw}) and
 * {@value #CLASS_PREDICTIONS} {@code [N, 5118, 3]} (logits: background, face, unused).
 *
 * <p>Thread-safety: stateless.
 */
public final class FaceApiSsd {
    public static final String INPUT = "input";
    public static final int INPUT_SIZE = 512;
    public static final int ANCHORS = 5118;
    public static final String BOX_ENCODINGS = "box_encodings";
    public static final String CLASS_PREDICTIONS = "class_predictions";
    /** TF.js' {@code batchNorm} epsilon in face-api's {@code mobileNetV1.ts}. */
    static final double BN_EPSILON = 0.0010000000474974513;

    private static final int[] ONE = {1, 1};
    private static final int[] TWO = {2, 2};

    private final OnnxGraphBuilder g;
    private final TfjsWeights w;

    private FaceApiSsd(OnnxGraphBuilder g, TfjsWeights w) {
        this.g = g;
        this.w = w;
    }

    /** The graph; see the class comment. */
    public static ModelProto convert(TfjsWeights weights, Map<String, String> provenance) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("faceapi_ssd_mobilenetv1");
        Map<String, String> meta = new LinkedHashMap<>(Objects.requireNonNull(provenance, "provenance"));
        meta.putIfAbsent("converter", "facecensus-model-tools " + ModelToolsVersion.VERSION);
        meta.putIfAbsent("input_preprocessing", "NCHW RGB, image padded to a square with zeros at the bottom or"
                + " right (face-api padToSquare, not centred), resizeBilinear to 512x512 (no align_corners, no"
                + " half-pixel centres), divided by 127.5, minus 1");
        meta.putIfAbsent("outputs", "box_encodings [N,5118,4] (ty,tx,th,tw; decode with Output/extra_dim anchors,"
                + " scales 10,10,5,5), class_predictions [N,5118,3] logits (score = sigmoid of index 1)");
        FaceApiGraphs.provenance(g, meta);
        return new FaceApiSsd(g, weights).build();
    }

    /**
     * The 5118 anchors of face-api's {@code output_layer}: {@code Output/extra_dim} {@code [1,5118,4]},
     * each {@code [ymin, xmin, ymax, xmax]} relative to the 512 square, in the output order.
     */
    public static float[] anchors(TfjsWeights weights) {
        TfjsTensor t = weights.get("Output/extra_dim", 3);
        if (t.dim(1) != ANCHORS || t.dim(2) != 4) {
            throw new FaceCensusException("Output/extra_dim has shape " + java.util.Arrays.toString(t.shape())
                    + ", expected [1, " + ANCHORS + ", 4]; the manifest is not face-api's SSD-MobileNetV1.");
        }
        return t.data().clone();
    }

    private ModelProto build() {
        String x = g.input(INPUT, -1, 3, INPUT_SIZE, INPUT_SIZE);
        // mobileNetV1
        String out = pointwise(x, "MobilenetV1/Conv2d_0_pointwise", 2);
        String conv11 = null;
        for (int i = 1; i <= 13; i++) {
            int stride = (i == 2 || i == 4 || i == 6 || i == 12) ? 2 : 1;
            out = depthwise(out, "MobilenetV1/Conv2d_" + i + "_depthwise", stride);
            out = pointwise(out, "MobilenetV1/Conv2d_" + i + "_pointwise", 1);
            if (i == 11) {
                conv11 = out;
            }
        }
        // predictionLayer
        String c0 = pointwise(out, "Prediction/Conv2d_0_pointwise", 1);
        String c1 = pointwise(c0, "Prediction/Conv2d_1_pointwise", 2);
        String c2 = pointwise(c1, "Prediction/Conv2d_2_pointwise", 1);
        String c3 = pointwise(c2, "Prediction/Conv2d_3_pointwise", 2);
        String c4 = pointwise(c3, "Prediction/Conv2d_4_pointwise", 1);
        String c5 = pointwise(c4, "Prediction/Conv2d_5_pointwise", 2);
        String c6 = pointwise(c5, "Prediction/Conv2d_6_pointwise", 1);
        String c7 = pointwise(c6, "Prediction/Conv2d_7_pointwise", 2);
        String[] maps = {conv11, out, c1, c3, c5, c7};
        String[] boxes = new String[6];
        String[] classes = new String[6];
        for (int i = 0; i < 6; i++) {
            String p = "Prediction/BoxPredictor_" + i;
            boxes[i] = nhwcRows(conv1x1(maps[i], p + "/BoxEncodingPredictor"), 4);
            classes[i] = nhwcRows(conv1x1(maps[i], p + "/ClassPredictor"), 3);
        }
        String box = g.identity(g.concat(1, boxes), BOX_ENCODINGS);
        String cls = g.identity(g.concat(1, classes), CLASS_PREDICTIONS);
        g.output(box, -1, ANCHORS, 4);
        g.output(cls, -1, ANCHORS, 3);
        return g.build();
    }

    /** {@code pointwiseConvLayer}: conv2d 'same' (any kernel size), plus {@code convolution_bn_offset}, ReLU6. */
    private String pointwise(String x, String prefix, int stride) {
        TfjsTensor f = w.get(prefix + "/weights", 4);
        String wf = g.initializer(prefix + "/weights", TfLayouts.hwioToOihw(f), TfLayouts.oihwDims(f));
        TfjsTensor b = w.get(prefix + "/convolution_bn_offset", 1);
        String bias = g.initializer(prefix + "/convolution_bn_offset", b.data(), b.dim(0));
        return g.clip(g.conv(x, wf, bias, stride == 1 ? ONE : TWO, Padding.SAME_UPPER, 1), 0f, 6f);
    }

    /**
     * {@code depthwiseConvLayer}: depthwise conv2d 'same', {@code batchNorm} with face-api's epsilon,
     * ReLU6. The batch norm is folded: filter × γ/√(σ²+ε), bias β − μ·γ/√(σ²+ε).
     */
    private String depthwise(String x, String prefix, int stride) {
        TfjsTensor d = w.get(prefix + "/depthwise_weights", 4);
        float[] gamma = w.get(prefix + "/BatchNorm/gamma", 1).data();
        float[] beta = w.get(prefix + "/BatchNorm/beta", 1).data();
        float[] mean = w.get(prefix + "/BatchNorm/moving_mean", 1).data();
        float[] var = w.get(prefix + "/BatchNorm/moving_variance", 1).data();
        if (d.dim(3) != 1) {
            throw new FaceCensusException(prefix + " has depth multiplier " + d.dim(3) + ", expected 1");
        }
        int channels = d.dim(2);
        float[] filters = TfLayouts.depthwiseToOnnx(d); // [C, 1, kh, kw]
        int k = filters.length / channels;
        float[] bias = new float[channels];
        for (int c = 0; c < channels; c++) {
            double scale = gamma[c] / Math.sqrt(var[c] + BN_EPSILON);
            for (int i = 0; i < k; i++) {
                filters[c * k + i] = (float) (filters[c * k + i] * scale);
            }
            bias[c] = (float) (beta[c] - mean[c] * scale);
        }
        String wd = g.initializer(prefix + "/depthwise_weights", filters, TfLayouts.depthwiseDims(d));
        String b = g.initializer(prefix + "/BatchNorm/folded_bias", bias, channels);
        return g.clip(g.conv(x, wd, b, stride == 1 ? ONE : TWO, Padding.SAME_UPPER, channels), 0f, 6f);
    }

    /** {@code convLayer}: 1×1 conv2d 'same' plus bias, no activation. */
    private String conv1x1(String x, String prefix) {
        TfjsTensor f = w.get(prefix + "/weights", 4);
        String wf = g.initializer(prefix + "/weights", TfLayouts.hwioToOihw(f), TfLayouts.oihwDims(f));
        TfjsTensor b = w.get(prefix + "/biases", 1);
        String bias = g.initializer(prefix + "/biases", b.data(), b.dim(0));
        return g.conv(x, wf, bias, ONE, Padding.SAME_UPPER, 1);
    }

    /** NCHW {@code [N, A*k, H, W]} to face-api's {@code reshape(NHWC, [N, -1, k])}: rows in (y, x, anchor) order. */
    private String nhwcRows(String x, int k) {
        return g.reshape(g.transpose(x, 0, 2, 3, 1), 0, -1, k);
    }
}
