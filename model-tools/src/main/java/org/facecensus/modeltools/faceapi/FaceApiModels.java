package org.facecensus.modeltools.faceapi;

import java.util.List;

import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelSource;
import org.facecensus.model.ModelSpec;

/**
 * The face-api.js weight files FaceCensus converts, as pinned model-store entries: npm
 * {@code @vladmandic/face-api@1.7.15} (MIT), {@code model/} folder. Each network is a TF.js manifest
 * plus one {@code .bin} shard; the store keeps each file in its own folder, and the converted ONNX
 * is cached beside the {@code .bin}.
 *
 * <p>Thread-safety: constants only.
 */
public final class FaceApiModels {
    public static final String PACKAGE = "@vladmandic/face-api";
    public static final String VERSION = "1.7.15";
    private static final String LICENCE = "MIT";

    /**
     * One face-api network: its TF.js manifest and its single weight shard.
     *
     * <p>Thread-safety: immutable.
     */
    public record Network(String modelName, String name, ModelSpec manifest, ModelSpec shard) {
        /** Both files, manifest first. */
        public List<ModelSpec> specs() {
            return List.of(manifest, shard);
        }

        /** The provenance line of the converted model: package, files and converter. */
        public String source() {
            return shard.source().coordinate() + " model/" + modelName + "{-weights_manifest.json,.bin}"
                    + " converted to ONNX by facecensus-model-tools";
        }

        /** Provenance of the converted network as outputs list it: its name, the weights' sha256. */
        public ModelInfo info() {
            return new ModelInfo(name, VERSION, source(), shard.sha256(), LICENCE);
        }
    }

    /** {@code FaceLandmark68Net}: 68 iBUG landmarks from a 112×112 face crop. */
    public static final Network LANDMARK_68 = network("face_landmark_68_model", "faceapi-landmark68",
            "ca4886639f86e99b39fed0c155f81b63317225773bd9616716e887b0153389c9", 8485L,
            "4611ef65c87d836d03d684b30eec4d195d8b219fa1dd58fc58945831c6b9299b", 356_840L,
            "face-api.js FaceLandmark68Net (68 landmarks), TF.js weights");

    /** {@code AgeGenderNet}: age regression and gender softmax from a 112×112 aligned face crop. */
    public static final Network AGE_GENDER = network("age_gender_model", "faceapi-agegender",
            "74b60bf3ebf981bf4e661e9cca3a185614e10b25d797118b62e2a68d3ff2569f", 8392L,
            "49f92bbc0afef2342c4385e4a2b0acb6d7a727c6f0aa539499719a81acf9abaa", 429_708L,
            "face-api.js AgeGenderNet (TinyXception), TF.js weights");

    /**
     * {@code SsdMobilenetv1}: the SSD face detector (MobileNetV1 backbone, 5118 anchors) on a 512×512
     * input; its manifest also carries the anchors ({@code Output/extra_dim}, float32).
     */
    public static final Network SSD_MOBILENETV1 = network("ssd_mobilenetv1_model", "faceapi-ssd-mobilenetv1",
            "888f744dffbc84f5f060d1f8427d9742341943a2dfaaf9205d10029b7e7a2955", 28_233L,
            "2835640602d53718aa6ae9a42896327eaa21beefed056c218d32ca7d79e1e2f8", 5_616_957L,
            "face-api.js SsdMobilenetv1 face detector, TF.js weights");

    /**
     * {@code TinyFaceDetector}: the Tiny-YOLOv2 variant with depthwise-separable convolutions, one
     * 13×13×5 grid of box predictions on a 416×416 input (any multiple of 32).
     */
    public static final Network TINY_FACE_DETECTOR = network("tiny_face_detector_model", "faceapi-tiny-face-detector",
            "5d1af4849ac48d5b985f4a9b16010c512353ddd6fcc63d50fd0bc9e9e64296e5", 3219L,
            "b7503ce7df31039b1c43316a9b865cab6a70dd748cc602d3fa28b551503c3871", 193_321L,
            "face-api.js TinyFaceDetector, TF.js weights");

    /**
     * {@code FaceRecognitionNet}: the ResNet-34-like face descriptor (face-api's port of dlib's
     * {@code dlib_face_recognition_resnet_model_v1}), 128 values from a 150×150 face crop.
     */
    public static final Network FACE_RECOGNITION = network("face_recognition_model", "faceapi-face-recognition",
            "cbaffa501b0b9275a12b63357a6843e7e30c054e1c9151e1a5f879b26e32986b", 19_615L,
            "b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589", 6_444_032L,
            "face-api.js FaceRecognitionNet (ResNet-34 descriptor), TF.js weights");

    private FaceApiModels() {
    }

    private static Network network(String modelName, String name, String manifestSha, long manifestSize,
                                   String shardSha, long shardSize, String description) {
        String manifestFile = modelName + "-weights_manifest.json";
        String shardFile = modelName + ".bin";
        ModelSpec manifest = new ModelSpec(name + "-manifest", manifestFile,
                new ModelSource.Npm(PACKAGE, VERSION, "model/" + manifestFile), manifestSha, manifestSize, LICENCE,
                description + " (manifest)");
        ModelSpec shard = new ModelSpec(name + "-weights", shardFile,
                new ModelSource.Npm(PACKAGE, VERSION, "model/" + shardFile), shardSha, shardSize, LICENCE,
                description + " (uint8-quantised shard)");
        return new Network(modelName, name, manifest, shard);
    }
}
