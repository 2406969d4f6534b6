package org.facecensus.detectors.faceapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.facecensus.detect.FaceBox;
import org.facecensus.detect.LandmarkDetector;
import org.facecensus.detect.LandmarkScheme;
import org.facecensus.detect.Landmarks;
import org.facecensus.detect.Point;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.faceapi.FaceApiConverter;
import org.facecensus.modeltools.faceapi.FaceApiCrop;
import org.facecensus.modeltools.faceapi.FaceApiModels;
import org.facecensus.modeltools.faceapi.FaceApiOnnxCache;
import org.facecensus.spi.inference.ExecutionDevice;
import org.facecensus.spi.inference.InferenceEngines;
import org.facecensus.spi.inference.InferenceSession;
import org.facecensus.spi.inference.LazySession;
import org.facecensus.spi.inference.Tensor;

/**
 * {@code landmark68-net}: face-api.js' {@code FaceLandmark68Net} (MIT) on ONNX Runtime; 68 iBUG
 * landmarks as floats in image pixels, from any detector's box. It reproduces face-api's crop, pad,
 * resize and post-processing ({@link FaceApiCrop}), so on face-api's own SSD boxes it gives
 * face-api's landmarks.
 *
 * <p>The ONNX model is converted from the fetched TF.js weights on first use and cached beside them
 * ({@link FaceApiOnnxCache}). {@link #locateAll} runs many faces in one ONNX Runtime call.
 *
 * <p>Thread-safety: thread-safe; the session is opened once, on first use, and ONNX Runtime runs it
 * concurrently. {@link #close()} is idempotent.
 */
public final class FaceApiLandmarkDetector implements LandmarkDetector {
    /** The provider name. */
    public static final String NAME = "landmark68-net";
    /** Faces per ONNX Runtime call in {@link #locateAll}: bounds the input tensor to ~2.4 MB. */
    static final int MAX_BATCH = 16;

    private static final ModelInfo INFO = FaceApiModels.LANDMARK_68.info();

    private final ModelStore store;
    private final ExecutionDevice device;
    private final LazySession session;

    public FaceApiLandmarkDetector(ModelStore store, ExecutionDevice device) {
        this.store = Objects.requireNonNull(store, "store");
        this.device = Objects.requireNonNull(device, "device");
        this.session = new LazySession(NAME + " landmark detector", () -> InferenceEngines.open(FaceApiOnnxCache.landmark68(store), INFO, this.device));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LandmarkScheme scheme() {
        return LandmarkScheme.IBUG_68;
    }

    /** Provenance: the TF.js weights (the ONNX file is derived from them deterministically). */
    @Override
    public List<ModelInfo> models() {
        return List.of(INFO);
    }

    @Override
    public Landmarks locate(RgbImage image, FaceBox box) {
        return locateAll(image, List.of(box)).get(0);
    }

    /** Landmarks of every box, batched: up to {@value #MAX_BATCH} faces per ONNX Runtime call. */
    public List<Landmarks> locateAll(RgbImage image, List<FaceBox> boxes) {
        InferenceSession net = session();
        List<Landmarks> out = new ArrayList<>(boxes.size());
        int plane = 3 * FaceApiCrop.SIZE * FaceApiCrop.SIZE;
        for (int start = 0; start < boxes.size(); start += MAX_BATCH) {
            List<FaceBox> batch = boxes.subList(start, Math.min(boxes.size(), start + MAX_BATCH));
            FaceApiCrop[] crops = new FaceApiCrop[batch.size()];
            float[] input = new float[batch.size() * plane];
            for (int i = 0; i < crops.length; i++) {
                crops[i] = FaceApiCrop.of(batch.get(i), image.width(), image.height());
                crops[i].writeTensor(image, input, i * plane);
            }
            Map<String, Tensor> result = net.run(Map.of(FaceApiConverter.INPUT, new Tensor(input, batch.size(), 3,
                    FaceApiCrop.SIZE, FaceApiCrop.SIZE)));
            float[] raw = result.get(FaceApiConverter.LANDMARKS_OUTPUT).data();
            for (int i = 0; i < crops.length; i++) {
                List<Point> points = new ArrayList<>(68);
                for (int p = 0; p < 68; p++) {
                    double[] xy = crops[i].toImage(raw[i * 136 + 2 * p], raw[i * 136 + 2 * p + 1], batch.get(i));
                    points.add(new Point(xy[0], xy[1]));
                }
                out.add(new Landmarks(LandmarkScheme.IBUG_68, points));
            }
        }
        return out;
    }

    private InferenceSession session() {
        return session.get();
    }

    @Override
    public void close() {
        session.close();
    }
}
