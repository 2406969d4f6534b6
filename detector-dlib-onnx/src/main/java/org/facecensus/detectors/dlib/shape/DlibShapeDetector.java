package org.facecensus.detectors.dlib.shape;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.facecensus.FaceCensusException;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.LandmarkDetector;
import org.facecensus.detect.LandmarkScheme;
import org.facecensus.detect.Landmarks;
import org.facecensus.detect.Point;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelSource;
import org.facecensus.model.ModelSpec;
import org.facecensus.model.ModelStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dlib-68}: dlib's 68-point face shape predictor ({@code shape_predictor_68_face_landmarks.dat},
 * iBUG 300-W landmarks) in pure Java, with dlib's integer results.
 *
 * <p><b>Boxes.</b> dlib takes an integer rectangle with inclusive corners. A {@link FaceBox} maps to
 * {@code left = round(x)}, {@code top = round(y)}, {@code right = round(x + width) - 1},
 * {@code bottom = round(y + height) - 1}; so a dlib rectangle passed as
 * {@code FaceBox(left, top, right - left + 1, bottom - top + 1)} (the peer tool's {@code box}) comes
 * back unchanged. {@link #locate(RgbImage, long, long, long, long)} takes dlib's rectangle directly.
 *
 * <p><b>Points</b> are dlib's: integers, {@code floor(v + 0.5)} of the predicted coordinates.
 *
 * <p><b>Licence.</b> The model is trained on iBUG 300-W, whose licence excludes commercial use; the
 * model is for non-commercial use only.
 *
 * <p>Thread-safety: thread-safe. The ~100 MB model is parsed once on first use (and shared with every
 * other instance that uses the same file while any of them holds it); {@link #close()} is idempotent.
 */
public final class DlibShapeDetector implements LandmarkDetector {
    private static final Logger LOG = LoggerFactory.getLogger(DlibShapeDetector.class);

    /** The provider name. */
    public static final String NAME = "dlib-68";

    /** dlib's 68-point model as Debian ships it in {@code libdlib-data}. */
    public static final ModelSpec MODEL_68 = new ModelSpec("dlib-shape-predictor-68",
            "shape_predictor_68_face_landmarks.dat",
            new ModelSource.Debian("libdlib-data", "19.24+dfsg-1", "/usr/share/dlib/shape_predictor_68_face_landmarks.dat"),
            "fbdc2cb80eb9aa7a758672cbfdda32ba6300efe9b6e6c7a299ff7e736b11b92f", 99_693_937L,
            "non-commercial use only (trained on iBUG 300-W, whose licence excludes commercial use)",
            "dlib 68-point face shape predictor (ensemble of regression trees)");

    /** Parsed models by file, so aligners and detectors in one process share the 130 MB of trees. */
    private static final Map<Path, WeakReference<ShapePredictorModel>> LOADED = new HashMap<>();

    private final ModelStore store;
    private final PixelIntensity intensity;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ShapePredictor predictor;

    private DlibShapeDetector(Builder b) {
        this.store = b.store;
        this.intensity = b.intensity;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LandmarkScheme scheme() {
        return LandmarkScheme.IBUG_68;
    }

    @Override
    public Landmarks locate(RgbImage image, FaceBox box) {
        long left = Math.round(box.x());
        long top = Math.round(box.y());
        long right = Math.max(left, Math.round(box.x() + box.width()) - 1);
        long bottom = Math.max(top, Math.round(box.y() + box.height()) - 1);
        return locate(image, left, top, right, bottom);
    }

    /** Landmarks in the dlib rectangle with inclusive corners {@code (left, top)}, {@code (right, bottom)}. */
    public Landmarks locate(RgbImage image, long left, long top, long right, long bottom) {
        long[] p = predictor().predict(image, left, top, right, bottom);
        List<Point> points = new ArrayList<>(p.length / 2);
        for (int i = 0; i < p.length; i += 2) {
            points.add(new Point(p[i], p[i + 1]));
        }
        return new Landmarks(LandmarkScheme.IBUG_68, points);
    }

    /** The underlying predictor, loading the model on first call. */
    public ShapePredictor predictor() {
        ShapePredictor p = predictor;
        if (p == null) {
            synchronized (this) {
                if (closed.get()) {
                    throw new FaceCensusException("The " + NAME + " landmark detector is closed; create a new one.");
                }
                p = predictor;
                if (p == null) {
                    p = new ShapePredictor(shared(store.require(MODEL_68)), intensity);
                    predictor = p;
                }
            }
        }
        return p;
    }

    private static ShapePredictorModel shared(Path file) {
        Path key = file.toAbsolutePath().normalize();
        synchronized (LOADED) {
            WeakReference<ShapePredictorModel> ref = LOADED.get(key);
            ShapePredictorModel m = ref == null ? null : ref.get();
            if (m == null) {
                long t0 = System.nanoTime();
                m = ShapePredictorModel.load(key);
                LOG.info("Loaded {} ({} trees) in {} ms", key.getFileName(), m.treeCount(),
                        (System.nanoTime() - t0) / 1_000_000);
                LOADED.put(key, new WeakReference<>(m));
            }
            return m;
        }
    }

    @Override
    public List<ModelInfo> models() {
        return List.of(MODEL_68.info());
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            synchronized (this) {
                predictor = null;
            }
        }
    }

    /**
     * Options for {@link DlibShapeDetector}.
     *
     * <p>Thread-safety: not thread-safe; build on one thread.
     */
    public static final class Builder {
        private ModelStore store = ModelStore.defaultStore();
        private PixelIntensity intensity = PixelIntensity.DLIB_RGB_MEAN;

        private Builder() {
        }

        /** Where the model is cached (default: {@link ModelStore#defaultStore()}). */
        public Builder modelStore(ModelStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * The grey value the trees see (default {@link PixelIntensity#DLIB_RGB_MEAN}, dlib on an RGB
         * image; {@link PixelIntensity#OPENCV_GRAY} reproduces callers that pass OpenCV's grey image).
         */
        public Builder intensity(PixelIntensity intensity) {
            this.intensity = Objects.requireNonNull(intensity, "intensity");
            return this;
        }

        public DlibShapeDetector build() {
            return new DlibShapeDetector(this);
        }
    }
}
