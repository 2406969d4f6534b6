package org.facecensus.detectors.tiny;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.Detections;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.FaceDetector;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.faceapi.FaceApiModels;
import org.facecensus.modeltools.faceapi.FaceApiOnnxCache;
import org.facecensus.modeltools.faceapi.FaceApiTiny;
import org.facecensus.spi.inference.ExecutionDevice;
import org.facecensus.spi.inference.InferenceEngines;
import org.facecensus.spi.inference.InferenceSession;
import org.facecensus.spi.inference.LazySession;
import org.facecensus.spi.inference.Tensor;
import org.facecensus.timing.StageTimer;

/**
 * {@code tiny-face}: face-api.js' {@code TinyFaceDetector} (MIT; a Tiny-YOLOv2 variant with
 * depthwise-separable convolutions, 190 KB of weights) on ONNX Runtime, one pass over the whole
 * image at {@code inputSize}×{@code inputSize}, exactly as face-api's {@code detectAllFaces} with
 * {@code TinyFaceDetectorOptions}: pre-processing {@link TinyFacePreprocessor}, the converted
 * network ({@link FaceApiTiny}, converted from the fetched TF.js weights on first use and cached
 * beside them), post-processing {@link TinyFaceDecoder}. Stages timed: {@code preprocess},
 * {@code inference}, {@code postprocess}. The grid has one cell per 32 input pixels, so faces under
 * about 1/20 of the longer image side are rarely found at 416; a larger {@code inputSize} finds
 * smaller faces at a quadratic cost. There is no tiling.
 *
 * <p>Thread-safety: thread-safe; the session loads once, on first use, and ONNX Runtime runs it
 * concurrently. {@link #close()} is idempotent.
 */
public final class TinyFaceDetector implements FaceDetector {
    /** The provider name. */
    public static final String NAME = "tiny-face";
    /** face-api's {@code TinyYolov2Options} defaults. */
    public static final int DEFAULT_INPUT_SIZE = FaceApiTiny.DEFAULT_INPUT_SIZE;
    public static final double DEFAULT_SCORE_THRESHOLD = 0.5;

    private static final ModelInfo INFO = new ModelInfo("faceapi-tiny-face-detector", FaceApiModels.VERSION,
            FaceApiModels.TINY_FACE_DETECTOR.source(), FaceApiModels.TINY_FACE_DETECTOR.shard().sha256(), "MIT");

    private final ModelStore store;
    private final ExecutionDevice device;
    private final int inputSize;
    private final double scoreThreshold;
    private volatile double minFaceSize;
    private final LazySession session;

    /**
     * @param inputSize      a positive multiple of 32, as face-api requires; its default 416
     * @param scoreThreshold scores must be strictly above it, in (0, 1); face-api's default 0.5
     */
    public TinyFaceDetector(ModelStore store, ExecutionDevice device, int inputSize, double scoreThreshold) {
        this.store = Objects.requireNonNull(store, "store");
        this.device = Objects.requireNonNull(device, "device");
        this.session = new LazySession(NAME + " detector", () -> InferenceEngines.open(FaceApiOnnxCache.tinyFaceDetector(store), INFO, this.device));
        if (inputSize <= 0 || inputSize % 32 != 0) {
            throw new IllegalArgumentException("inputSize must be a positive multiple of 32, as face-api requires: "
                    + inputSize);
        }
        if (!(scoreThreshold > 0 && scoreThreshold < 1)) {
            throw new IllegalArgumentException("scoreThreshold must be in (0, 1), as face-api requires: "
                    + scoreThreshold);
        }
        this.inputSize = inputSize;
        this.scoreThreshold = scoreThreshold;
    }

    /** face-api's defaults: inputSize 416, scoreThreshold 0.5. */
    public TinyFaceDetector(ModelStore store, ExecutionDevice device) {
        this(store, device, DEFAULT_INPUT_SIZE, DEFAULT_SCORE_THRESHOLD);
    }

    /** Drops faces whose longer side is below {@code pixels} after detection (face-api has no such option). 0: none. */
    public TinyFaceDetector minFaceSize(double pixels) {
        if (!(pixels >= 0)) {
            throw new IllegalArgumentException("minFaceSize must be >= 0: " + pixels);
        }
        this.minFaceSize = pixels;
        return this;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Provenance: the TF.js weights (the ONNX file is derived from them deterministically). */
    @Override
    public List<ModelInfo> models() {
        return List.of(INFO);
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("model", INFO.name());
        p.put("inputSize", inputSize);
        p.put("scoreThreshold", scoreThreshold);
        p.put("nmsIou", FaceApiTiny.IOU_THRESHOLD);
        p.put("minFaceSize", minFaceSize > 0 ? minFaceSize : "none (face-api's)");
        p.put("device", session.ifOpen().map(s -> s.device().name()).orElse(device.name()));
        return p;
    }

    @Override
    public Detections detect(RgbImage image) {
        InferenceSession net = session();
        StageTimer timer = new StageTimer();
        int s = inputSize;
        Tensor input = timer.time("preprocess", () -> {
            float[] data = new float[3 * s * s];
            TinyFacePreprocessor.writeTensor(image, s, data, 0);
            return new Tensor(data, 1, 3, s, s);
        });
        Map<String, Tensor> out = timer.time("inference", () -> net.run(Map.of(FaceApiTiny.INPUT, input)));
        List<DetectedFace> faces = timer.time("postprocess", () -> {
            float[] grid = out.get(FaceApiTiny.GRID).data();
            List<TinyFaceDecoder.Raw> kept = TinyFaceDecoder.nms(TinyFaceDecoder.extract(grid, s / 32, image.width(),
                    image.height(), s, scoreThreshold), s);
            List<DetectedFace> found = new ArrayList<>(kept.size());
            for (TinyFaceDecoder.Raw r : kept) {
                double[] b = r.box();
                double w = b[2] * image.width();
                double h = b[3] * image.height();
                if (w > 0 && h > 0 && Math.max(w, h) >= minFaceSize) {
                    found.add(new DetectedFace(new FaceBox(b[0] * image.width(), b[1] * image.height(), w, h,
                            r.score())));
                }
            }
            return found;
        });
        return new Detections(faces, timer.snapshot());
    }

    private InferenceSession session() {
        return session.get();
    }

    @Override
    public void close() {
        session.close();
    }
}
