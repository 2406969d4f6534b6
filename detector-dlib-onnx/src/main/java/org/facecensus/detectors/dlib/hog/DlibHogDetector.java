package org.facecensus.detectors.dlib.hog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.facecensus.FaceCensusException;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.Detections;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.FaceDetector;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelStore;
import org.facecensus.timing.StageTimer;

/**
 * dlib's HOG frontal face detector in pure Java, giving dlib's boxes and scores: exactly what
 * {@code face_recognition.face_locations(img, number_of_times_to_upsample=N, model="hog")} computes.
 * Optionally the image is first scaled by {@code scale} (bilinear, half-pixel centres, as OpenCV and
 * PIL do, computed exactly as the peer tool does: {@link HalfPixelResize}), then enlarged {@code upsample} times with dlib's {@code pyramid_up}; boxes are mapped back
 * with dlib's {@code rect_down} and then to input pixels.
 *
 * <p>Boxes follow dlib's inclusive convention, as the peer tool reports them: x = left, y = top,
 * width = right − left + 1, height = bottom − top + 1 (they may extend past the image border). The
 * score is dlib's {@code detection_confidence} (window score minus the filter's threshold; ≥ 0 unless
 * {@code adjustThreshold} is negative). Stages: {@code resize}, {@code upsample}, {@code pyramid},
 * {@code features}, {@code scan}, {@code nms}.
 *
 * <p>Thread-safety: thread-safe; one instance may serve many threads. The model is decoded once, on
 * first use, and is read-only afterwards. Each thread keeps its large work arrays between calls
 * (softly referenced, so memory pressure can reclaim them): at upsample 1 on a 1920-px photo about
 * 100 MB per thread. {@link #close()} is idempotent.
 *
 * <p>Speed: the filters' inner loops use the Vector API when the JVM resolves {@code jdk.incubator.vector}
 * (see {@link Builder#vectorApi}), from the first image after they are compiled (a daemon thread, started by
 * the second image, warms them up; until then, and without the module, scalar loops with the same results
 * run, and one log line says so).
 */
public final class DlibHogDetector implements FaceDetector {
    private final ModelStore store;
    /** The largest {@code upsample}: each step quadruples the pixels, and 4 already means ×256. */
    public static final int MAX_UPSAMPLE = 4;
    /** The largest pre-scale factor accepted. */
    public static final double MAX_SCALE = 16;
    private final int upsample;
    private final double scale;
    private final double adjustThreshold;
    private final double minFaceSize;
    /** Whether the 10-tap filters may use the Vector API's SIMD loops (identical results). */
    private final boolean vectorApi;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile HogScanner scanner;

    private DlibHogDetector(Builder b) {
        this.store = b.store;
        this.upsample = b.upsample;
        this.scale = b.scale;
        this.adjustThreshold = b.adjustThreshold;
        this.minFaceSize = b.minFaceSize;
        this.vectorApi = b.vectorApi;
    }

    /**
     * Whether this JVM runs the filters' Vector API loops (it resolves {@code jdk.incubator.vector}, started with
     * {@code --add-modules jdk.incubator.vector}, and {@code -Dfacecensus.dlibhog.vector=false} is not set).
     */
    public static boolean vectorApiAvailable() {
        return TenTapKernel.vector().isPresent();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "dlib-hog";
    }

    @Override
    public List<ModelInfo> models() {
        return List.of(DlibFrontalFaceModel.SPEC.info());
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("model", DlibFrontalFaceModel.SPEC.name());
        p.put("upsample", upsample);
        p.put("scale", scale);
        p.put("adjustThreshold", adjustThreshold);
        p.put("minFaceSize", minFaceSize);
        return p;
    }

    @Override
    public Detections detect(RgbImage image) {
        HogScanner s = scanner();
        HogWorkspace ws = HogWorkspace.forThisThread();
        StageTimer timer = new StageTimer();
        byte[] rgb = image.toByteArray();
        int w = image.width();
        int h = image.height();
        if (scale != 1.0) {
            // the output size rule of ImageOps.scale and the peer: floor(size*scale + 0.5)
            int sw = Math.max(1, (int) Math.floor(w * scale + 0.5));
            int sh = Math.max(1, (int) Math.floor(h * scale + 0.5));
            byte[] src = rgb;
            int iw = w;
            int ih = h;
            rgb = timer.time("resize", () -> HalfPixelResize.resize(src, iw, ih, sw, sh));
            w = sw;
            h = sh;
        }
        int workW = w;
        int workH = h;
        for (int k = 0; k < upsample; k++) {
            double[] up = DlibGeometry.rectUp2(new double[] {0, 0, w - 1, h - 1});
            int[] r = DlibGeometry.round(up);
            byte[] src = rgb;
            int sw = w;
            int sh = h;
            int uw = r[2] + 1;
            int uh = r[3] + 1;
            byte[] dst = ws.imageOtherThan(src, uw * uh * 3);
            rgb = timer.time("upsample", () -> DlibResize.resize(src, sw, sh, uw, uh, dst));
            w = uw;
            h = uh;
        }
        List<HogScanner.Detection> dets = s.detect(rgb, w, h, adjustThreshold, timer, ws);
        // the peer maps working pixels back by the ratio of the sizes, as dlib's rect_down leaves them
        double fx = (double) image.width() / workW;
        double fy = (double) image.height() / workH;
        List<DetectedFace> faces = new ArrayList<>();
        for (HogScanner.Detection d : dets) {
            int[] r = {d.left(), d.top(), d.right(), d.bottom()};
            if (upsample > 0) {
                r = DlibGeometry.round(DlibGeometry.rectDown2(new double[] {r[0], r[1], r[2], r[3]}, upsample));
            }
            double bw = (r[2] - r[0] + 1) * fx;
            double bh = (r[3] - r[1] + 1) * fy;
            if (Math.max(bw, bh) < minFaceSize) {
                continue;
            }
            faces.add(new DetectedFace(new FaceBox(r[0] * fx, r[1] * fy, bw, bh, d.confidence())));
        }
        return new Detections(faces, timer.snapshot());
    }

    private HogScanner scanner() {
        HogScanner s = scanner;
        if (s == null) {
            synchronized (this) {
                ensureOpen();
                if (scanner == null) {
                    scanner = new HogScanner(DlibFrontalFaceModel.load(store), vectorApi);
                }
                s = scanner;
            }
        }
        ensureOpen();
        return s;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new FaceCensusException("This dlib-hog detector is closed; create a new one.");
        }
    }

    @Override
    public void close() {
        closed.set(true);
    }

    /**
     * Settings for a {@link DlibHogDetector}. Defaults are face_recognition's: upsample 1, no
     * pre-scaling, threshold adjustment 0, no minimum face size.
     *
     * <p>Thread-safety: not thread-safe; build on one thread.
     */
    public static final class Builder {
        private ModelStore store = ModelStore.defaultStore();
        private int upsample = 1;
        private double scale = 1.0;
        private double adjustThreshold = 0;
        private double minFaceSize = 0;
        private boolean vectorApi = true;

        public Builder modelStore(ModelStore store) {
            this.store = store;
            return this;
        }

        /**
         * Times the image is doubled with dlib's {@code pyramid_up} before detection (0 to 4). dlib
         * finds faces from about 80 px without it, 40 px with 1; each step costs about 4× the time.
         */
        public Builder upsample(int times) {
            if (times < 0 || times > MAX_UPSAMPLE) {
                throw new IllegalArgumentException("upsample must be 0 to 4: " + times);
            }
            this.upsample = times;
            return this;
        }

        /** Pre-scales the image by this factor (bilinear, half-pixel centres); boxes come back in input pixels. */
        public Builder scale(double factor) {
            if (!(factor > 0 && factor <= MAX_SCALE)) {
                throw new IllegalArgumentException("scale must be in (0, 16]: " + factor);
            }
            this.scale = factor;
            return this;
        }

        /** dlib's {@code adjust_threshold}: keeps windows with confidence ≥ this (default 0). */
        public Builder adjustThreshold(double adjust) {
            if (!Double.isFinite(adjust)) {
                throw new IllegalArgumentException("adjustThreshold must be finite: " + adjust);
            }
            this.adjustThreshold = adjust;
            return this;
        }

        /** Drops faces whose longer box side is below this many input pixels (default 0: keep all). */
        public Builder minFaceSize(double pixels) {
            if (!(pixels >= 0)) {
                throw new IllegalArgumentException("minFaceSize must be >= 0: " + pixels);
            }
            this.minFaceSize = pixels;
            return this;
        }

        /**
         * Whether the filters run SIMD loops written with the Vector API when the JVM has its module (started
         * with {@code --add-modules jdk.incubator.vector}, as the {@code facecensus} launcher does); default
         * true. Boxes and scores are identical either way (the loops do the same float operations in the same
         * order); false times the scalar loops. The second image starts compiling the SIMD loops on a daemon
         * thread (about a second of one core's time); images run with the scalar loops until they are ready.
         */
        public Builder vectorApi(boolean use) {
            this.vectorApi = use;
            return this;
        }

        public DlibHogDetector build() {
            return new DlibHogDetector(this);
        }
    }
}
