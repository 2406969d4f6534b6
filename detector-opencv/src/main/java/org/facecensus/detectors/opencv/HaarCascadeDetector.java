package org.facecensus.detectors.opencv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;
import org.facecensus.FaceCensusException;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.Detections;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.FaceDetector;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelIntegrityException;
import org.facecensus.timing.StageTimer;
import org.facecensus.io.Sha256;

/**
 * OpenCV's Viola-Jones Haar cascade ({@code CascadeClassifier}) through JavaCV, with the calls of
 * the {@code opencv_haar} peer tool: the RGB image is copied to a BGR {@code Mat}, converted with
 * {@code cvtColor(COLOR_BGR2GRAY)} (optionally {@code equalizeHist}), and searched with
 * {@code detectMultiScale2(gray, scaleFactor 1.1, minNeighbors 5)}. Stages are timed separately:
 * {@code gray} (the BGR copy and the conversion) and {@code detect}.
 *
 * <p>Boxes are OpenCV's integer rectangles in input pixels (roughly square, brow to chin). The score
 * is the rectangle's neighbour count: how many raw cascade windows were merged into it (at least
 * {@code minNeighbors + 1}), so it is an integer with no upper bound, not a probability. Faces are
 * ordered by descending score, then top-to-bottom and left-to-right, so the order does not depend on
 * OpenCV's internal thread count.
 *
 * <p>Native code: OpenCV 4.13.0 from {@code org.bytedeco:opencv:4.13.0-1.5.13} (linux-x86_64 only).
 * The peer uses Debian's OpenCV 4.6.0; the Haar code path did not change between them (the test
 * suite checks the same boxes and neighbour counts on real photos).
 *
 * <p>Thread-safety: thread-safe; one instance may serve many threads. OpenCV's
 * {@code CascadeClassifier} is not safe for concurrent {@code detectMultiScale} calls on one object
 * (it keeps per-call scratch buffers in the object), so this detector keeps a pool of classifiers:
 * each call borrows one, a new one is parsed when all are busy (about as many as the threads that
 * ever ran concurrently), and it is returned after the call. The cascade is read and verified once.
 * {@link #close()} is idempotent; classifiers busy at that moment are freed when their call returns.
 *
 * <p>OpenCV threads: {@code detectMultiScale} also runs its scales in parallel on OpenCV's own
 * thread pool. By default ({@link Builder#openCvThreads(int) openCvThreads} -1) this detector leaves
 * OpenCV's setting alone (all cores). {@code openCvThreads(1)} calls {@code cv::setNumThreads(1)} on
 * first use, as the peer does: single-threaded, for parity runs, benchmarks, and batches that already
 * run one image per core. That setting is process-wide: it affects every OpenCV user in the JVM. The
 * thread count never changes the result.
 */
public final class HaarCascadeDetector implements FaceDetector {
    /** Leave OpenCV's thread count as it is. */
    public static final int OPENCV_DEFAULT_THREADS = -1;

    private final String name;
    private final HaarCascade cascade;
    private final double scaleFactor;
    private final int minNeighbors;
    private final int minSize;
    private final boolean equalize;
    private final double minScore;
    private final int openCvThreads;
    private final CascadeClassifierPool classifiers;

    private HaarCascadeDetector(Builder b) {
        this.name = b.name;
        this.cascade = b.cascade;
        this.scaleFactor = b.scaleFactor;
        this.minNeighbors = b.minNeighbors;
        this.minSize = b.minSize;
        this.equalize = b.equalize;
        this.minScore = b.minScore;
        this.openCvThreads = b.openCvThreads;
        this.classifiers = new CascadeClassifierPool(name, cascade, openCvThreads);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ModelInfo> models() {
        return List.of(cascade.info());
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("model", cascade.modelName());
        p.put("scaleFactor", scaleFactor);
        p.put("minNeighbors", minNeighbors);
        p.put("minSize", minSize > 0 ? minSize : "cascade window (24 px)");
        p.put("equalize", equalize);
        p.put("score", "neighbour count (detectMultiScale2 numDetections)");
        if (minScore > 0) {
            p.put("minScore", minScore);
        }
        p.put("opencv", HaarCascade.OPENCV_VERSION);
        p.put("openCvThreads", openCvThreads == OPENCV_DEFAULT_THREADS ? "OpenCV default" : openCvThreads);
        p.put("device", "CPU");
        return p;
    }

    @Override
    public Detections detect(RgbImage image) {
        CascadeClassifier classifier = classifiers.acquire();
        try {
            StageTimer timer = new StageTimer();
            List<DetectedFace> faces;
            try (Mat gray = timer.time("gray", () -> gray(image))) {
                faces = timer.time("detect", () -> detect(classifier, gray));
            }
            return new Detections(faces, timer.snapshot());
        } finally {
            classifiers.release(classifier);
        }
    }

    /** RGB to a BGR Mat, then {@code cvtColor(BGR2GRAY)}: the peer's exact conversion (fixed point). */
    private Mat gray(RgbImage image) {
        int w = image.width();
        int h = image.height();
        try (Mat bgr = new Mat(h, w, opencv_core.CV_8UC3)) {
            ByteBuffer src = image.pixels();
            ByteBuffer dst = bgr.createBuffer();
            int n = w * h * 3;
            for (int i = 0; i < n; i += 3) {
                dst.put(i, src.get(i + 2));
                dst.put(i + 1, src.get(i + 1));
                dst.put(i + 2, src.get(i));
            }
            Mat gray = new Mat();
            opencv_imgproc.cvtColor(bgr, gray, opencv_imgproc.COLOR_BGR2GRAY);
            if (equalize) {
                opencv_imgproc.equalizeHist(gray, gray);
            }
            return gray;
        }
    }

    private List<DetectedFace> detect(CascadeClassifier classifier, Mat gray) {
        List<DetectedFace> faces = new ArrayList<>();
        try (RectVector rects = new RectVector();
                IntPointer neighbours = new IntPointer();
                Size min = new Size(minSize, minSize);
                Size max = new Size()) {
            // flags 0: the only flag the new-format cascades honour is CASCADE_SCALE_IMAGE, which is always on.
            classifier.detectMultiScale2(gray, rects, neighbours, scaleFactor, minNeighbors, 0, min, max);
            long count = rects.size();
            // numDetections comes back as a std::vector<int> converted into the IntPointer.
            for (long i = 0; i < count; i++) {
                int score = neighbours.get(i);
                if (score < minScore) {
                    continue;
                }
                Rect r = rects.get(i);
                faces.add(new DetectedFace(new FaceBox(r.x(), r.y(), r.width(), r.height(), score)));
            }
        }
        faces.sort(Comparator.comparingDouble((DetectedFace f) -> -f.box().score())
                .thenComparingDouble(f -> f.box().y()).thenComparingDouble(f -> f.box().x()));
        return faces;
    }

    /** The cascade's bytes from the classpath, refused unless their sha256 is the pinned one. */
    static byte[] readVerified(HaarCascade cascade) {
        return readVerified(cascade.resourcePath(), cascade.sha256(), CascadeClassifier.class.getClassLoader());
    }

    static byte[] readVerified(String resource, String pinnedSha256, ClassLoader loader) {
        byte[] bytes;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new FaceCensusException("The Haar cascade " + resource + " is not on the classpath."
                        + " Add org.bytedeco:opencv:" + HaarCascade.MAVEN_VERSION + ":jar:" + HaarCascade.PLATFORM
                        + " (facecensus-detector-opencv depends on it; check that it was not excluded).");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new FaceCensusException("Could not read the Haar cascade " + resource + " from the classpath ("
                    + e.getMessage() + "); check that the bytedeco opencv jar is intact.", e);
        }
        String sha = Sha256.hex(bytes);
        if (!sha.equals(pinnedSha256)) {
            throw new ModelIntegrityException("Haar cascade " + resource + " has sha256 " + sha + " but "
                    + pinnedSha256 + " is pinned: the bytedeco opencv jar is another version than "
                    + HaarCascade.MAVEN_VERSION + " or is corrupt. Use the version facecensus-bom manages.");
        }
        return bytes;
    }

    @Override
    public void close() {
        classifiers.close();
    }

    /**
     * Settings for a {@link HaarCascadeDetector}. Defaults are the classic recipe and the peer's:
     * {@code haarcascade_frontalface_default}, scaleFactor 1.1, minNeighbors 5, minSize the
     * cascade's 24x24 window, no histogram equalisation, OpenCV's thread count left alone.
     *
     * <p>Thread-safety: not thread-safe; build on one thread.
     */
    public static final class Builder {
        private String name = "opencv-haar";
        private HaarCascade cascade = HaarCascade.FRONTALFACE_DEFAULT;
        private double scaleFactor = 1.1;
        private int minNeighbors = 5;
        private int minSize = 0;
        private boolean equalize = false;
        private double minScore = 0;
        private int openCvThreads = OPENCV_DEFAULT_THREADS;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder cascade(HaarCascade cascade) {
            this.cascade = java.util.Objects.requireNonNull(cascade, "cascade");
            return this;
        }

        /** A cascade by file or model name, e.g. {@code haarcascade_frontalface_alt2}. */
        public Builder cascade(String name) {
            return cascade(HaarCascade.byName(name));
        }

        /** Step between pyramid scales, greater than 1 (1.1 = 10 %: slower and finer than 1.2). */
        public Builder scaleFactor(double scaleFactor) {
            if (!(scaleFactor > 1 && scaleFactor < 10)) {
                throw new IllegalArgumentException("scaleFactor must be in (1, 10): " + scaleFactor);
            }
            this.scaleFactor = scaleFactor;
            return this;
        }

        /** Raw windows a face needs beyond the first to be kept; higher means fewer false positives. */
        public Builder minNeighbors(int minNeighbors) {
            if (minNeighbors < 0) {
                throw new IllegalArgumentException("minNeighbors must be >= 0: " + minNeighbors);
            }
            this.minNeighbors = minNeighbors;
            return this;
        }

        /** Smallest face side in pixels to search for; 0 (default) means the cascade window, 24 px. */
        public Builder minSize(int pixels) {
            if (pixels < 0) {
                throw new IllegalArgumentException("minSize must be >= 0: " + pixels);
            }
            this.minSize = pixels;
            return this;
        }

        /** {@code equalizeHist} on the gray image first (off by default, as in the peer). */
        public Builder equalize(boolean equalize) {
            this.equalize = equalize;
            return this;
        }

        /** Drops faces whose neighbour count is below this (on top of minNeighbors); 0 keeps all. */
        public Builder minScore(double minScore) {
            if (!(minScore >= 0)) {
                throw new IllegalArgumentException("minScore must be >= 0: " + minScore);
            }
            this.minScore = minScore;
            return this;
        }

        /**
         * {@code cv::setNumThreads(n)} on first use; process-wide. -1 (default) leaves OpenCV's setting
         * (all cores); 1 runs single-threaded as the peer does; 0 is OpenCV's "no parallel framework".
         */
        public Builder openCvThreads(int n) {
            if (n < -1) {
                throw new IllegalArgumentException("openCvThreads must be -1 (leave as is), 0 or positive: " + n);
            }
            this.openCvThreads = n;
            return this;
        }

        public HaarCascadeDetector build() {
            return new HaarCascadeDetector(this);
        }
    }
}
