package org.facecensus.detectors.ssd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.facecensus.FaceCensusException;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.Detections;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.FaceDetector;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.faceapi.FaceApiModels;
import org.facecensus.modeltools.faceapi.FaceApiOnnxCache;
import org.facecensus.modeltools.faceapi.FaceApiSsd;
import org.facecensus.spi.inference.ExecutionDevice;
import org.facecensus.spi.inference.InferenceEngines;
import org.facecensus.spi.inference.InferenceSession;
import org.facecensus.spi.inference.Tensor;
import org.facecensus.timing.StageTimer;

/**
 * {@code ssd-mobilenet}: face-api.js' {@code SsdMobilenetv1} face detector (MIT) on ONNX Runtime,
 * one pass over the whole image at 512×512, exactly as face-api's {@code detectAllFaces} with
 * {@code SsdMobilenetv1Options}: pre-processing {@link SsdPreprocessor}, the converted network
 * ({@link FaceApiSsd}, converted from the fetched TF.js weights on first use and cached beside them),
 * post-processing {@link SsdDecoder}. Stages timed: {@code preprocess}, {@code inference},
 * {@code postprocess}. Faces smaller than about 1/25 of the image's longer side (20 px in the 512
 * square) are rarely found: there is no tiling.
 *
 * <p>Thread-safety: thread-safe; the session and the anchors load once, on first use, and ONNX
 * Runtime runs the session concurrently. {@link #close()} is idempotent.
 */
public final class SsdMobilenetDetector implements FaceDetector {
    /** The provider name. */
    public static final String NAME = "ssd-mobilenet";
    /** face-api's {@code SsdMobilenetv1Options} defaults. */
    public static final double DEFAULT_MIN_CONFIDENCE = 0.5;
    public static final int DEFAULT_MAX_RESULTS = 100;

    private static final ModelInfo INFO = new ModelInfo("faceapi-ssd-mobilenetv1", FaceApiModels.VERSION,
            FaceApiModels.SSD_MOBILENETV1.source(), FaceApiModels.SSD_MOBILENETV1.shard().sha256(), "MIT");

    private final ModelStore store;
    private final ExecutionDevice device;
    private final double minConfidence;
    private final int maxResults;
    private volatile double minFaceSize;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Loaded loaded;

    private record Loaded(InferenceSession session, SsdDecoder decoder) {
    }

    /**
     * @param minConfidence scores must be strictly above it, in (0, 1); face-api's default 0.5
     * @param maxResults    at most this many faces, {@code >= 1}; face-api's default 100
     */
    public SsdMobilenetDetector(ModelStore store, ExecutionDevice device, double minConfidence, int maxResults) {
        this.store = Objects.requireNonNull(store, "store");
        this.device = Objects.requireNonNull(device, "device");
        if (!(minConfidence > 0 && minConfidence < 1)) {
            throw new IllegalArgumentException("minConfidence must be in (0, 1), as face-api requires: " + minConfidence);
        }
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be at least 1: " + maxResults);
        }
        this.minConfidence = minConfidence;
        this.maxResults = maxResults;
    }

    /** face-api's defaults: minConfidence 0.5, maxResults 100. */
    public SsdMobilenetDetector(ModelStore store, ExecutionDevice device) {
        this(store, device, DEFAULT_MIN_CONFIDENCE, DEFAULT_MAX_RESULTS);
    }

    /**
     * Drops faces whose longer side is below {@code pixels} after detection (face-api has no such
     * option; the network itself rarely finds faces under ~1/25 of the longer image side). 0: none.
     */
    public SsdMobilenetDetector minFaceSize(double pixels) {
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
        p.put("minConfidence", minConfidence);
        p.put("maxResults", maxResults);
        p.put("nmsIou", SsdDecoder.IOU_THRESHOLD);
        p.put("inputSize", FaceApiSsd.INPUT_SIZE);
        p.put("minFaceSize", minFaceSize > 0 ? minFaceSize : "none (face-api's)");
        Loaded l = loaded;
        p.put("device", l == null ? device.name() : l.session().device().name());
        return p;
    }

    @Override
    public Detections detect(RgbImage image) {
        Loaded net = load();
        StageTimer timer = new StageTimer();
        int s = FaceApiSsd.INPUT_SIZE;
        Tensor input = timer.time("preprocess", () -> {
            float[] data = new float[3 * s * s];
            SsdPreprocessor.writeTensor(image, data, 0);
            return new Tensor(data, 1, 3, s, s);
        });
        Map<String, Tensor> out = timer.time("inference", () -> net.session().run(Map.of(FaceApiSsd.INPUT, input)));
        List<DetectedFace> faces = timer.time("postprocess", () -> {
            float[] scores = SsdDecoder.scores(out.get(FaceApiSsd.CLASS_PREDICTIONS).data());
            List<SsdDecoder.Raw> kept = net.decoder().select(out.get(FaceApiSsd.BOX_ENCODINGS).data(), scores,
                    minConfidence, maxResults);
            List<DetectedFace> found = new ArrayList<>(kept.size());
            for (SsdDecoder.Raw r : kept) {
                double[] b = SsdDecoder.toImage(r.box(), image.width(), image.height());
                if (b[2] > 0 && b[3] > 0 && Math.max(b[2], b[3]) >= minFaceSize) {
                    found.add(new DetectedFace(new FaceBox(b[0], b[1], b[2], b[3], r.score())));
                }
            }
            return found;
        });
        return new Detections(faces, timer.snapshot());
    }

    private Loaded load() {
        Loaded l = loaded;
        if (l == null) {
            synchronized (this) {
                ensureOpen();
                if (loaded == null) {
                    SsdDecoder decoder = new SsdDecoder(FaceApiOnnxCache.ssdMobilenetV1Anchors(store));
                    loaded = new Loaded(InferenceEngines.open(FaceApiOnnxCache.ssdMobilenetV1(store), INFO, device),
                            decoder);
                }
                l = loaded;
            }
        }
        ensureOpen();
        return l;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new FaceCensusException("This " + NAME + " detector is closed; create a new one.");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            synchronized (this) {
                if (loaded != null) {
                    loaded.session().close();
                    loaded = null;
                }
            }
        }
    }
}
