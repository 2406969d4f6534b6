package org.facecensus.modeltools.faceapi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.facecensus.modeltools.onnx.ModelToolsVersion;
import org.facecensus.modeltools.onnx.OnnxGraphBuilder;
import org.facecensus.modeltools.onnx.Padding;
import org.facecensus.modeltools.onnx.proto.Onnx.ModelProto;
import org.facecensus.modeltools.tfjs.TfLayouts;
import org.facecensus.modeltools.tfjs.TfjsTensor;
import org.facecensus.modeltools.tfjs.TfjsWeights;

/**
 * face-api.js' {@code TinyFaceDetector} ({@code src/tinyFaceDetector}, {@code src/tinyYolov2}) as an
 * ONNX graph, up to the raw grid: {@code TinyYolov2Base.runMobilenet} with face-api's config
 * ({@code withSeparableConvs}, {@code isFirstLayerConv2d}, filter sizes 3-16-32-64-128-256-512, so no
 * {@code conv6}/{@code conv7}): a 3×3 'valid' conv, then five depthwise-separable 3×3 convs (each on
 * the input zero-padded by 1), every one followed by face-api's {@code leaky} ({@code relu(x − 0.1x)
 * + 0.1x}) and a 2×2 'same' max pool (stride 2, the last stride 1), then a 1×1 conv to 25 channels
 * (5 anchors × {@code [tx, ty, tw, th, objectness]}). The anchor decoding, sigmoid and NMS stay in Java.
 *
 * <p>Input {@value #INPUT} {@code [N, 3, S, S]}, S a multiple of 32 (face-api's default 416): the
 * image padded to a square at the bottom or right with zeros, resized (TF legacy bilinear) to S,
 * minus {@link #MEAN_RGB}, divided by 255. Output {@value #GRID} {@code [N, S/32, S/32, 25]} in
 * face-api's NHWC order (row, column, anchor × 5 + k).
 *
 * <p>Thread-safety: stateless.
 */
public final class FaceApiTiny {
    public static final String INPUT = "input";
    public static final String GRID = "grid";
    /** face-api's default {@code inputSize}. */
    public static final int DEFAULT_INPUT_SIZE = 416;
    /** Values per anchor: {@code tx, ty, tw, th, objectness} (one class, no class scores). */
    public static final int BOX_ENCODING_SIZE = 5;
    /** {@code tinyFaceDetector/const.ts}: {@code MEAN_RGB}. */
    public static final float[] MEAN_RGB = {117.001f, 114.697f, 97.404f};
    /** {@code tinyFaceDetector/const.ts}: {@code BOX_ANCHORS} as {@code x0, y0, x1, y1, ...} in grid cells. */
    public static final double[] ANCHORS = {1.603231, 2.094468, 6.041143, 7.080126, 2.882459, 3.518061,
        4.266906, 5.178857, 9.041765, 10.66308};
    /** {@code tinyFaceDetector/const.ts}: {@code IOU_THRESHOLD}. */
    public static final double IOU_THRESHOLD = 0.4;

    private static final int[] ONE = {1, 1};
    private static final int[] TWO = {2, 2};

    private final OnnxGraphBuilder g;
    private final TfjsWeights w;
    private final FaceApiGraphs n;
    private String alpha;

    private FaceApiTiny(OnnxGraphBuilder g, TfjsWeights w) {
        this.g = g;
        this.w = w;
        this.n = new FaceApiGraphs(g, w);
    }

    /** The graph; see the class comment. */
    public static ModelProto convert(TfjsWeights weights, Map<String, String> provenance) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("faceapi_tiny_face_detector");
        Map<String, String> meta = new LinkedHashMap<>(Objects.requireNonNull(provenance, "provenance"));
        meta.putIfAbsent("converter", "facecensus-model-tools " + ModelToolsVersion.VERSION);
        meta.putIfAbsent("input_preprocessing", "NCHW RGB, image padded to a square with zeros at the bottom or"
                + " right (face-api padToSquare, not centred), resizeBilinear to SxS, S a multiple of 32 (default"
                + " 416; no align_corners, no half-pixel centres), minus mean RGB [117.001, 114.697, 97.404],"
                + " divided by 255");
        meta.putIfAbsent("outputs", "grid [N,S/32,S/32,25] NHWC: per cell 5 anchors x (tx, ty, tw, th, objectness"
                + " logit); anchors (1.603231,2.094468) (6.041143,7.080126) (2.882459,3.518061) (4.266906,5.178857)"
                + " (9.041765,10.66308) in cells; NMS IoU 0.4");
        FaceApiGraphs.provenance(g, meta);
        return new FaceApiTiny(g, weights).build();
    }

    private ModelProto build() {
        String x = g.input(INPUT, -1, 3, -1, -1);
        alpha = g.scalar("leaky_alpha", 0.1f); // float32(0.1) = 0.10000000149011612, face-api's leaky scalar
        // conv0: convLayer(x, conv0, 'valid') then leaky
        TfjsTensor f0 = w.get("conv0/filters", 4);
        String w0 = g.initializer("conv0/filters", TfLayouts.hwioToOihw(f0), TfLayouts.oihwDims(f0));
        TfjsTensor b0 = w.get("conv0/bias", 1);
        String out = leaky(g.conv(x, w0, g.initializer("conv0/bias", b0.data(), b0.dim(0)), ONE, Padding.VALID, 1));
        out = g.maxPool(out, TWO, TWO, Padding.SAME_UPPER);
        for (int i = 1; i <= 5; i++) {
            // depthwiseSeparableConv: pad 1 then 'valid' = SAME for a 3x3 kernel at stride 1
            out = leaky(n.separable(out, "conv" + i, 1));
            out = g.maxPool(out, TWO, i == 5 ? ONE : TWO, Padding.SAME_UPPER);
        }
        TfjsTensor f8 = w.get("conv8/filters", 4);
        String w8 = g.initializer("conv8/filters", TfLayouts.hwioToOihw(f8), TfLayouts.oihwDims(f8));
        TfjsTensor b8 = w.get("conv8/bias", 1);
        out = g.conv(out, w8, g.initializer("conv8/bias", b8.data(), b8.dim(0)), ONE, Padding.VALID, 1);
        String grid = g.identity(g.transpose(out, 0, 2, 3, 1), GRID);
        g.output(grid, -1, -1, -1, ANCHORS.length / 2 * BOX_ENCODING_SIZE);
        return g.build();
    }

    /** face-api's {@code leaky}: {@code relu(x - 0.1x) + 0.1x}, in its order of operations. */
    private String leaky(String x) {
        String min = g.mul(x, alpha);
        return g.add(g.relu(g.sub(x, min)), min);
    }
}
