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
 * face-api.js' {@code FaceRecognitionNet} ({@code src/faceRecognitionNet}; its port of dlib's
 * ResNet-34-like {@code dlib_face_recognition_resnet_model_v1}) as an ONNX graph, layer by layer as
 * {@code forwardInput}: a 7×7/2 'valid' conv, a 3×3/2 'valid' max pool, residual stages of 32, 64,
 * 128 and 256 channels ({@code residual}, {@code residualDown} with its 2×2 average-pooled,
 * zero-channel-padded shortcut and, where the shapes differ, the zero row and column it appends to
 * the conv branch), every conv followed by its {@code scale} layer ({@code x · weights + biases}),
 * then the spatial mean and a 256→128 matrix product (no bias).
 *
 * <p>Input {@value #INPUT} {@code [N, 3, 150, 150]}: the face crop padded to a centred square and
 * resized to 150×150 as {@code NetInput.toBatchTensor(150, true)}, minus
 * {@link FaceApiConverter#MEAN_RGB}, divided by 255. Output {@value #OUTPUT} {@code [N, 128]}.
 *
 * <p>Thread-safety: stateless.
 */
public final class FaceApiRecognition {
    public static final String INPUT = "input";
    public static final String OUTPUT = "descriptor";
    public static final int INPUT_SIZE = 150;
    public static final int DIMENSION = 128;

    private static final int[] ONE = {1, 1};
    private static final int[] TWO = {2, 2};

    private final OnnxGraphBuilder g;
    private final TfjsWeights w;

    private FaceApiRecognition(OnnxGraphBuilder g, TfjsWeights w) {
        this.g = g;
        this.w = w;
    }

    /** The graph; see the class comment. */
    public static ModelProto convert(TfjsWeights weights, Map<String, String> provenance) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("faceapi_face_recognition");
        Map<String, String> meta = new LinkedHashMap<>(Objects.requireNonNull(provenance, "provenance"));
        meta.putIfAbsent("converter", "facecensus-model-tools " + ModelToolsVersion.VERSION);
        meta.putIfAbsent("input_preprocessing", "NCHW RGB, face crop padded to a centred square (face-api"
                + " padToSquare(img, true)), resizeBilinear to 150x150 (no align_corners, no half-pixel centres),"
                + " minus mean RGB [122.782, 117.001, 104.298], divided by 255");
        meta.putIfAbsent("outputs", "descriptor [N,128], not normalised (face-api compares with Euclidean distance)");
        FaceApiGraphs.provenance(g, meta);
        return new FaceApiRecognition(g, weights).build();
    }

    private ModelProto build() {
        String x = g.input(INPUT, -1, 3, INPUT_SIZE, INPUT_SIZE);
        int size = (INPUT_SIZE - 7) / 2 + 1; // convDown 'valid': 72
        String out = g.relu(convLayer(x, "conv32_down", 2, Padding.VALID));
        out = g.maxPool(out, new int[] {3, 3}, TWO, Padding.VALID);
        size = (size - 3) / 2 + 1; // 35
        out = residual(out, "conv32_1");
        out = residual(out, "conv32_2");
        out = residual(out, "conv32_3");
        Down d = residualDown(out, size, "conv64_down");
        out = residual(d.out, "conv64_1");
        out = residual(out, "conv64_2");
        out = residual(out, "conv64_3");
        d = residualDown(out, d.size, "conv128_down");
        out = residual(d.out, "conv128_1");
        out = residual(out, "conv128_2");
        d = residualDown(out, d.size, "conv256_down");
        out = residual(d.out, "conv256_1");
        out = residual(out, "conv256_2");
        d = residualDown(out, d.size, "conv256_down_out");
        // out.mean([1, 2]): the mean over the whole (d.size × d.size) map
        String mean = g.flatten(g.averagePool(d.out, new int[] {d.size, d.size}, ONE, Padding.VALID), 1);
        TfjsTensor fc = w.get("fc", 2);
        String fcw = g.initializer("fc", fc.data(), fc.dim(0), fc.dim(1));
        String desc = g.identity(g.matMul(mean, fcw), OUTPUT);
        g.output(desc, -1, DIMENSION);
        return g.build();
    }

    private record Down(String out, int size) {
    }

    /** {@code convLayer}: conv2d + bias, then {@code scale}; no activation. */
    private String convLayer(String x, String prefix, int stride, Padding padding) {
        TfjsTensor f = w.get(prefix + "/conv/filters", 4);
        String wf = g.initializer(prefix + "/conv/filters", TfLayouts.hwioToOihw(f), TfLayouts.oihwDims(f));
        TfjsTensor b = w.get(prefix + "/conv/bias", 1);
        String bias = g.initializer(prefix + "/conv/bias", b.data(), b.dim(0));
        String out = g.conv(x, wf, bias, stride == 1 ? ONE : TWO, padding, 1);
        TfjsTensor sw = w.get(prefix + "/scale/weights", 1);
        TfjsTensor sb = w.get(prefix + "/scale/biases", 1);
        String mul = g.initializer(prefix + "/scale/weights", sw.data(), sw.dim(0), 1, 1);
        String add = g.initializer(prefix + "/scale/biases", sb.data(), sb.dim(0), 1, 1);
        return g.add(g.mul(out, mul), add);
    }

    /** {@code residual}: conv (ReLU), conv, plus the input, ReLU. */
    private String residual(String x, String prefix) {
        String out = g.relu(convLayer(x, prefix + "/conv1", 1, Padding.SAME_UPPER));
        out = convLayer(out, prefix + "/conv2", 1, Padding.SAME_UPPER);
        return g.relu(g.add(out, x));
    }

    /**
     * {@code residualDown}: convDown (3×3/2 'valid', ReLU), conv; the shortcut is a 2×2/2 'valid'
     * average pool with zero channels appended; where the pooled map is larger than the conv
     * branch's, face-api appends one zero row (bottom) and one zero column (right) to the branch.
     */
    private Down residualDown(String x, int size, String prefix) {
        int convSize = (size - 3) / 2 + 1;
        int poolSize = (size - 2) / 2 + 1;
        String out = g.relu(convLayer(x, prefix + "/conv1", 2, Padding.VALID));
        out = convLayer(out, prefix + "/conv2", 1, Padding.SAME_UPPER);
        int inChannels = w.get(prefix + "/conv1/conv/filters", 4).dim(2);
        int outChannels = w.get(prefix + "/conv2/conv/filters", 4).dim(3);
        if (poolSize != convSize) {
            if (poolSize != convSize + 1) {
                throw new IllegalStateException(prefix + ": pooled " + poolSize + " vs conv " + convSize);
            }
            out = g.pad(out, new long[] {0, 0, 0, 0, 0, 0, 1, 1}, 0f);
        }
        String pooled = g.averagePool(x, TWO, TWO, Padding.VALID);
        if (inChannels != outChannels) {
            pooled = g.pad(pooled, new long[] {0, 0, 0, 0, 0, outChannels - inChannels, 0, 0}, 0f);
        }
        return new Down(g.relu(g.add(pooled, out)), poolSize);
    }
}
