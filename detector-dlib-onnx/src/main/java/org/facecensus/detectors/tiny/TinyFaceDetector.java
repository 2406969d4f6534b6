package org.facecensus.detectors.tiny;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.Detections;
import org.facecensus.detect.FaceDetector;
import org.facecensus.detectors.postprocess.Candidate;
import org.facecensus.detectors.tiling.TilePlan;
import org.facecensus.detectors.tiling.TiledPass;
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
 * {@code inference}, {@code postprocess} (and {@code resize} when tiled). The grid has one cell per
 * 32 input pixels, so one pass rarely finds faces under about 1/20 of the longer image side
 * ({@link #singlePassMinFace}). Only when {@link #minFaceSize} asks for smaller faces does it run a
 * {@link TilePlan} pyramid of {@code inputSize} tiles (each through face-api's own pre- and
 * post-processing), merged by NMS at face-api's IoU 0.4; otherwise the output is face-api's, unchanged.
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

    private static final ModelInfo INFO = FaceApiModels.TINY_FACE_DETECTOR.info();

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

    /**
     * Smallest face to report, in image pixels; faces whose longer side is below it are dropped
     * (face-api has no such option). Below {@link #singlePassMinFace} it also turns on tiling, so
     * such faces are found. 0: none, face-api's single pass.
     */
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
        p.put("tiling", "when minFaceSize < longer side / 20; tile " + inputSize + ", band 1/20-0.4 of the tile");
        p.put("device", session.ifOpen().map(s -> s.device().name()).orElse(device.name()));
        return p;
    }

    /**
     * Face sizes, as fractions of the input side, that one pass finds reliably: from 1/20 (the grid
     * has one cell per 32 input pixels) to, at tiled levels, 40 % (larger faces are left to the
     * coarser levels, whose tiles overlap by more than this).
     */
    static final double BAND_MIN = 1.0 / 20;
    static final double BAND_MAX = 0.4;

    /** The smallest face (image pixels) face-api's single pass finds reliably: the longer side / 20. */
    public static double singlePassMinFace(int width, int height) {
        return Math.max(width, height) * BAND_MIN;
    }

    /**
     * The plan for an image of this size: face-api's single pass unless {@code minFaceSize} asks for
     * faces smaller than it finds, then a {@link TilePlan} pyramid of {@code inputSize} tiles.
     */
    public TilePlan plan(int width, int height) {
        int s = inputSize;
        return TilePlan.singlePassUnlessSmaller(width, height, s, minFaceSize, BAND_MIN * s, BAND_MAX * s);
    }

    @Override
    public Detections detect(RgbImage image) {
        InferenceSession net = session();
        StageTimer timer = new StageTimer();
        List<DetectedFace> faces = TiledPass.hardNmsFaces(image, plan(image.width(), image.height()),
                (in, t) -> pass(in, net, t), FaceApiTiny.IOU_THRESHOLD, Integer.MAX_VALUE, minFaceSize, timer);
        return new Detections(faces, timer.snapshot());
    }

    /** One face-api pass over {@code input}: pre-processing, session, post-processing, each timed. */
    private List<Candidate> pass(RgbImage input, InferenceSession net, StageTimer timer) {
        int s = inputSize;
        Tensor tensor = timer.time("preprocess", () -> {
            float[] data = new float[3 * s * s];
            TinyFacePreprocessor.writeTensor(input, s, data, 0);
            return new Tensor(data, 1, 3, s, s);
        });
        Map<String, Tensor> out = timer.time("inference", () -> net.run(Map.of(FaceApiTiny.INPUT, tensor)));
        return timer.time("postprocess", () -> {
            float[] grid = out.get(FaceApiTiny.GRID).data();
            List<TinyFaceDecoder.Raw> kept = TinyFaceDecoder.nms(TinyFaceDecoder.extract(grid, s / 32, input.width(),
                    input.height(), s, scoreThreshold), s);
            List<Candidate> found = new ArrayList<>(kept.size());
            for (TinyFaceDecoder.Raw r : kept) {
                double[] b = r.box();
                double x = b[0] * input.width();
                double y = b[1] * input.height();
                double w = b[2] * input.width();
                double h = b[3] * input.height();
                if (w > 0 && h > 0) {
                    found.add(new Candidate(x, y, x + w, y + h, NO_POINTS, r.score()));
                }
            }
            return found;
        });
    }

    private static final double[] NO_POINTS = new double[0];

    private InferenceSession session() {
        return session.get();
    }

    @Override
    public void close() {
        session.close();
    }
}
