package org.facecensus.modeltools.faceapi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.facecensus.modeltools.onnx.ModelToolsVersion;
import org.facecensus.modeltools.onnx.OnnxGraphBuilder;
import org.facecensus.modeltools.onnx.proto.Onnx.ModelProto;
import org.facecensus.modeltools.tfjs.TfjsWeights;

/**
 * face-api.js networks ({@code @vladmandic/face-api}, MIT) as ONNX graphs, reproducing the forward
 * passes of face-api's TypeScript sources layer by layer from the TF.js weights.
 *
 * <p>Every graph takes {@value #INPUT} {@code [N, 3, 112, 112]}: the face crop padded to a square
 * and resized to 112×112 as face-api's {@code NetInput.toBatchTensor(112, true)} does, minus
 * face-api's mean RGB, divided by 255 (see {@link #MEAN_RGB}); that pre-processing stays in Java.
 *
 * <p>Thread-safety: stateless.
 */
public final class FaceApiConverter {
    /** The input name of every converted graph. */
    public static final String INPUT = "input";
    /** face-api's side length for the landmark and age/gender nets. */
    public static final int INPUT_SIZE = 112;
    /** face-api's {@code meanRgb} for the feature extractors, subtracted before dividing by 255. */
    public static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

    /** The 136 outputs of the landmark net: x0, y0, x1, y1, ... relative to the padded square. */
    public static final String LANDMARKS_OUTPUT = "landmarks";
    /** Age in years, {@code [N, 1]}. */
    public static final String AGE_OUTPUT = "age";
    /** Softmax over {@code [male, female]}, {@code [N, 2]}. */
    public static final String GENDER_OUTPUT = "gender";
    /**
     * The age/gender net's pooled penultimate features, {@code [N, 512]}: the 7×7 average of the exit
     * flow, the input of both heads (a face descriptor for transfer learning).
     */
    public static final String AGE_GENDER_FEATURES_OUTPUT = "features";
    /** The length of {@link #AGE_GENDER_FEATURES_OUTPUT}. */
    public static final int AGE_GENDER_FEATURES = 512;

    private FaceApiConverter() {
    }

    /**
     * {@code FaceLandmark68Net} ({@code face_landmark_68_model}): {@code FaceFeatureExtractor}'s
     * four dense blocks, a 7×7 average pool and a 256→136 fully connected layer.
     *
     * @param provenance metadata_props to record (source package, version, input sha256s)
     */
    public static ModelProto landmark68(TfjsWeights weights, Map<String, String> provenance) {
        OnnxGraphBuilder g = start("faceapi_landmark68", provenance);
        FaceApiGraphs n = new FaceApiGraphs(g, weights);
        String x = g.input(INPUT, -1, 3, INPUT_SIZE, INPUT_SIZE);
        x = n.denseBlock4(x, "dense0", true);
        x = n.denseBlock4(x, "dense1", false);
        x = n.denseBlock4(x, "dense2", false);
        x = n.denseBlock4(x, "dense3", false);
        x = n.avgPoolFlatten(x, 7);
        String out = g.identity(n.fullyConnected(x, "fc"), LANDMARKS_OUTPUT);
        g.output(out, -1, 136);
        return g.build();
    }

    /**
     * {@code AgeGenderNet} ({@code age_gender_model}): {@code TinyXception(2)}, a 7×7 average pool,
     * then fully connected age (512→1) and gender (512→2, softmax) heads. The pooled 512 values are a
     * third output, {@value #AGE_GENDER_FEATURES_OUTPUT}; adding it leaves the age and gender values unchanged.
     */
    public static ModelProto ageGender(TfjsWeights weights, Map<String, String> provenance) {
        OnnxGraphBuilder g = start("faceapi_age_gender", provenance);
        FaceApiGraphs n = new FaceApiGraphs(g, weights);
        String x = g.input(INPUT, -1, 3, INPUT_SIZE, INPUT_SIZE);
        x = g.relu(n.conv(x, "entry_flow/conv_in", 2));
        x = n.reductionBlock(x, "entry_flow/reduction_block_0", false);
        x = n.reductionBlock(x, "entry_flow/reduction_block_1", true);
        for (int i = 0; i < 2; i++) {
            x = n.mainBlock(x, "middle_flow/main_block_" + i);
        }
        x = n.reductionBlock(x, "exit_flow/reduction_block", true);
        x = g.relu(n.separable(x, "exit_flow/separable_conv", 1));
        String pooled = n.avgPoolFlatten(x, 7);
        String age = g.identity(n.fullyConnected(pooled, "fc/age"), AGE_OUTPUT);
        String gender = g.identity(g.softmax(n.fullyConnected(pooled, "fc/gender"), 1), GENDER_OUTPUT);
        String features = g.identity(pooled, AGE_GENDER_FEATURES_OUTPUT);
        g.output(age, -1, 1);
        g.output(gender, -1, 2);
        g.output(features, -1, AGE_GENDER_FEATURES);
        return g.build();
    }

    private static OnnxGraphBuilder start(String name, Map<String, String> provenance) {
        OnnxGraphBuilder g = new OnnxGraphBuilder(name);
        Map<String, String> meta = new LinkedHashMap<>(Objects.requireNonNull(provenance, "provenance"));
        meta.putIfAbsent("converter", "facecensus-model-tools " + ModelToolsVersion.VERSION);
        meta.putIfAbsent("input_preprocessing", "NCHW RGB, face crop padded to square (face-api padToSquare,"
                + " centred), resizeBilinear to 112x112 (no align_corners, no half-pixel centres), minus mean RGB"
                + " [122.782, 117.001, 104.298], divided by 255");
        FaceApiGraphs.provenance(g, meta);
        return g;
    }
}
