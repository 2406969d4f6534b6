package org.facecensus.detectors.blazeface;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.Detections;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.FaceDetector;
import org.facecensus.detect.LandmarkScheme;
import org.facecensus.detect.Landmarks;
import org.facecensus.detect.Point;
import org.facecensus.detectors.postprocess.Candidate;
import org.facecensus.detectors.postprocess.WeightedNms;
import org.facecensus.detectors.tiling.TilePlan;
import org.facecensus.detectors.tiling.TiledPass;
import org.facecensus.image.ImageOps;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.inference.ExecutionDevice;
import org.facecensus.spi.inference.InferenceEngines;
import org.facecensus.spi.inference.InferenceSession;
import org.facecensus.spi.inference.LazySession;
import org.facecensus.spi.inference.Tensor;
import org.facecensus.timing.StageTimer;

/**
 * MediaPipe BlazeFace on any image size. The network sees a fixed square; a {@link TilePlan}
 * pyramid of shrunk and tiled copies brings faces from {@code minFaceSize} pixels to the whole
 * image into its range, and MediaPipe's weighted NMS merges what the tiles and scales found.
 * Stages are timed separately: {@code resize}, {@code preprocess}, {@code inference},
 * {@code postprocess}, {@code verify}.
 *
 * <p>Boxes are BlazeFace's (brow to chin, roughly square); landmarks follow
 * {@link LandmarkScheme#BLAZEFACE_6}. Scores are probabilities.
 *
 * <p>Thread-safety: thread-safe; one instance may serve many threads (the session is created once,
 * on first use, and ONNX Runtime runs it concurrently). {@link #close()} is idempotent.
 */
public final class BlazeFaceDetector implements FaceDetector {
    private static final int PAD_GREY = 0x808080;

    private final String name;
    private final BlazeFaceVariant variant;
    private final ModelStore store;
    private final ExecutionDevice device;
    private final double minScore;
    private final double nmsIou;
    private final double minFaceSize;
    private final boolean tiled;
    private final boolean anySize;
    private final int maxInputSide;
    private final BlazeFacePreprocessor preprocessor = new BlazeFacePreprocessor();
    private final BlazeFaceDecoder decoder;
    private final WeightedNms nms;
    private final BlazeFaceVariant verifier;
    private final BlazeFaceDecoder verifierDecoder;
    private final double minVerifyScore;
    private final LazySession session;
    private final LazySession verifierSession;
    /** Longest side of one any-size network run, see {@link Builder#maxInputSide}. */
    public static final int DEFAULT_MAX_INPUT_SIDE = 1024;
    /** The face's share of the verification window: mid-band for the front model. */
    private static final double VERIFY_FACE_FRACTION = 0.45;

    private BlazeFaceDetector(Builder b) {
        this.name = b.name;
        this.variant = b.variant;
        this.store = b.store;
        this.device = b.device;
        this.minScore = b.minScore;
        this.nmsIou = b.nmsIou;
        this.minFaceSize = b.minFaceSize;
        this.tiled = b.tiled;
        // Whole levels replace tiles; a single pass keeps the network's own square input (MediaPipe's letterbox).
        this.anySize = b.anySize && b.tiled && b.variant.hasAnySize();
        this.maxInputSide = b.maxInputSide;
        this.decoder = new BlazeFaceDecoder(variant);
        this.nms = new WeightedNms(nmsIou);
        this.verifier = b.verifier;
        this.verifierDecoder = verifier == null ? null : new BlazeFaceDecoder(verifier);
        this.minVerifyScore = b.minVerifyScore;
        this.session = new LazySession(name + " detector", () -> anySize
                ? InferenceEngines.open(variant.anySizeFile(store), variant.info(), device) : open(variant));
        this.verifierSession = new LazySession(name + " detector", () -> open(verifier));
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
        return verifier == null ? List.of(variant.info()) : List.of(variant.info(), verifier.info());
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("model", variant.modelName());
        p.put("minScore", minScore);
        p.put("nmsIou", nmsIou);
        p.put("minFaceSize", minFaceSize > 0 ? minFaceSize : "1/64 of the longer side, >= 16 px");
        p.put("tiled", tiled);
        p.put("input", anySize ? "whole levels, at most " + maxInputSide + " px a side"
                : tiled ? "tiles of " + variant.inputSize() + " px" : "one pass at " + variant.inputSize() + " px");
        p.put("verifier", verifier == null ? "none" : verifier.modelName());
        if (verifier != null) {
            p.put("minVerifyScore", minVerifyScore);
        }
        p.put("device", session.ifOpen().map(s -> s.device().name()).orElse(device.name()));
        return p;
    }

    /** The plan used for an image of this size (exposed for benchmarks and docs). */
    public TilePlan plan(int width, int height) {
        int size = variant.inputSize();
        double minFace = minFaceSize > 0 ? minFaceSize : defaultMinFace(width, height);
        return tiled ? TilePlan.pyramid(width, height, size, minFace, variant.bandMin() * size, variant.bandMax() * size, 4.0)
                : TilePlan.singlePass(width, height, size);
    }

    /**
     * 1/64 of the longer side, at least 16 px: the cost per image stays about constant (a 1920-px
     * photo is searched from 30 px, a 400-px web photo from 16 px), as the relative size of the
     * smallest faces worth counting does.
     */
    static double defaultMinFace(int width, int height) {
        return Math.max(16, Math.max(width, height) / 64.0);
    }


    @Override
    public Detections detect(RgbImage image) {
        InferenceSession net = session.get();
        StageTimer timer = new StageTimer();
        TilePlan plan = plan(image.width(), image.height());
        double minFace = minFaceSize > 0 ? minFaceSize : defaultMinFace(image.width(), image.height());
        int size = plan.tileSize();
        List<Candidate> candidates = new ArrayList<>();
        // Finest level first: each coarser level is shrunk from the previous one, not from the
        // full image, which costs a fraction of the pixels.
        List<TilePlan.Level> finestFirst = new ArrayList<>(plan.levels());
        java.util.Collections.reverse(finestFirst);
        RgbImage source = image;
        for (TilePlan.Level level : finestFirst) {
            RgbImage from = source.width() >= level.width() ? source : image;
            RgbImage scaled = timer.time("resize", () -> ImageOps.resize(from, level.width(), level.height()));
            source = scaled;
            if (anySize) {
                for (TilePlan.Window win : TilePlan.windows(level, maxInputSide, size / 8)) {
                    Tensor input = timer.time("preprocess",
                            () -> preprocessor.toTensor(scaled, win.x(), win.y(), win.width(), win.height()));
                    Map<String, Tensor> out = timer.time("inference",
                            () -> net.run(Map.of(variant.inputName(), input)));
                    timer.time("postprocess", () -> {
                        List<Candidate> found = new ArrayList<>();
                        decoder.decode(out, win.width(), win.height(), minScore, win.x(), win.y(), level.scale(),
                                found);
                        for (Candidate c : found) {
                            if (keep(c, level, win.x(), win.y(), win.width(), win.height(), minFace)) {
                                candidates.add(c);
                            }
                        }
                    });
                }
                continue;
            }
            for (int[] origin : level.tileOrigins()) {
                Tensor input = timer.time("preprocess",
                        () -> preprocessor.toTensor(scaled, origin[0], origin[1], size));
                Map<String, Tensor> out = timer.time("inference",
                        () -> net.run(Map.of(variant.inputName(), input)));
                timer.time("postprocess", () -> {
                    List<Candidate> tile = new ArrayList<>();
                    decoder.decode(out, minScore, origin[0], origin[1], level.scale(), tile);
                    for (Candidate c : tile) {
                        if (keep(c, level, origin[0], origin[1], size, size, minFace)) {
                            candidates.add(c);
                        }
                    }
                });
            }
        }
        List<Candidate> merged = timer.time("postprocess", () -> nms.apply(candidates));
        if (verifier != null && !merged.isEmpty()) {
            InferenceSession check = verifierSession.get();
            List<Candidate> all = merged;
            merged = timer.time("verify", () -> verified(image, all, check));
        }
        List<DetectedFace> faces = toFaces(merged, image);
        return new Detections(faces, timer.snapshot());
    }

    /**
     * Keeps the candidates that the second network also calls a face. The two BlazeFace models were
     * trained on different data; texture that fools one (check shirts, lace, badges) rarely fools
     * both, while real faces score high in both.
     */
    private List<Candidate> verified(RgbImage image, List<Candidate> merged, InferenceSession check) {
        int size = verifier.inputSize();
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : merged) {
            double side = Math.max(c.xmax() - c.xmin(), c.ymax() - c.ymin()) / VERIFY_FACE_FRACTION;
            double scale = size / side;
            int x0 = (int) Math.round((c.xmin() + c.xmax()) / 2 - side / 2);
            int y0 = (int) Math.round((c.ymin() + c.ymax()) / 2 - side / 2);
            int cropSide = (int) Math.ceil(side);
            RgbImage window = ImageOps.resize(ImageOps.crop(image, x0, y0, cropSide, cropSide, PAD_GREY), size, size);
            Map<String, Tensor> out = check.run(Map.of(verifier.inputName(),
                    preprocessor.toTensor(window, 0, 0, size)));
            List<Candidate> found = new ArrayList<>();
            verifierDecoder.decode(out, 0.05, 0, 0, 1, found);
            double best = 0;
            double half = size * VERIFY_FACE_FRACTION / 2;
            for (Candidate f : found) {
                double cx = (f.xmin() + f.xmax()) / 2 - size / 2.0;
                double cy = (f.ymin() + f.ymax()) / 2 - size / 2.0;
                if (Math.abs(cx) < half && Math.abs(cy) < half) {
                    best = Math.max(best, f.score());
                }
            }
            if (best >= minVerifyScore) {
                kept.add(c);
            }
        }
        return kept;
    }

    /**
     * Drops candidates outside the level's trusted size band, touching an inner edge of their input
     * ({@code width × height} at {@code (x, y)} in level pixels), or smaller than {@code minFace}.
     */
    private static boolean keep(Candidate c, TilePlan.Level level, int x, int y, int width, int height,
                                double minFace) {
        return Math.max(c.xmax() - c.xmin(), c.ymax() - c.ymin()) >= minFace
                && TiledPass.keep(c, level, x, y, width, height, level.scale());
    }

    private static List<DetectedFace> toFaces(List<Candidate> merged, RgbImage image) {
        List<DetectedFace> faces = new ArrayList<>();
        for (Candidate c : merged) {
            double x0 = Math.max(0, c.xmin());
            double y0 = Math.max(0, c.ymin());
            double x1 = Math.min(image.width(), c.xmax());
            double y1 = Math.min(image.height(), c.ymax());
            if (x1 - x0 < 1 || y1 - y0 < 1) {
                continue;
            }
            List<Point> points = new ArrayList<>();
            double[] kp = c.keypoints();
            for (int k = 0; k < BlazeFaceDecoder.KEYPOINTS; k++) {
                points.add(new Point(kp[2 * k], kp[2 * k + 1]));
            }
            faces.add(new DetectedFace(new FaceBox(x0, y0, x1 - x0, y1 - y0, c.score()),
                    new Landmarks(LandmarkScheme.BLAZEFACE_6, points)));
        }
        faces.sort((a, b) -> Double.compare(b.box().score(), a.box().score()));
        return faces;
    }

    private InferenceSession open(BlazeFaceVariant v) {
        return InferenceEngines.open(v.file(store), v.info(), device);
    }

    @Override
    public void close() {
        session.close();
        verifierSession.close();
    }

    /**
     * Settings for a {@link BlazeFaceDetector}. Defaults: back 256 model, tiled pyramid, score ≥
     * 0.65 (0.6 finds 2 more of webfaces' 982 faces but also a dog's face), NMS IoU 0.3
     * (MediaPipe's), faces from 1/64 of the longer side (at least 16 px), verified by the front 128
     * model at 0.7.
     *
     * <p>Thread-safety: not thread-safe; build on one thread.
     */
    public static final class Builder {
        private String name = "blazeface";
        private BlazeFaceVariant variant = BlazeFaceVariant.BACK_256;
        private ModelStore store = ModelStore.defaultStore();
        private ExecutionDevice device = ExecutionDevice.AUTO;
        private double minScore = 0.65;
        private double nmsIou = 0.3;
        private double minFaceSize = 0;
        private boolean tiled = true;
        private boolean anySize = true;
        private int maxInputSide = DEFAULT_MAX_INPUT_SIDE;
        private BlazeFaceVariant verifier = BlazeFaceVariant.FRONT_128;
        private double minVerifyScore = 0.7;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder variant(BlazeFaceVariant variant) {
            this.variant = variant;
            return this;
        }

        public Builder modelStore(ModelStore store) {
            this.store = store;
            return this;
        }

        public Builder device(ExecutionDevice device) {
            this.device = device;
            return this;
        }

        /** Minimum probability for a face, in (0, 1). */
        public Builder minScore(double minScore) {
            if (!(minScore > 0 && minScore < 1)) {
                throw new IllegalArgumentException("minScore must be in (0, 1): " + minScore);
            }
            this.minScore = minScore;
            return this;
        }

        public Builder nmsIou(double nmsIou) {
            this.nmsIou = nmsIou;
            return this;
        }

        /**
         * Smallest face side in image pixels to look for; smaller means more tiles, slower.
         * Default: 1/64 of the image's longer side, at least 16 px.
         */
        public Builder minFaceSize(double pixels) {
            if (!(pixels >= 4)) {
                throw new IllegalArgumentException("minFaceSize must be at least 4 pixels: " + pixels);
            }
            this.minFaceSize = pixels;
            return this;
        }

        /** False: one letterboxed pass over the whole image, as MediaPipe does on camera frames. */
        public Builder tiled(boolean tiled) {
            this.tiled = tiled;
            return this;
        }

        /**
         * True (the default): the short-range models run on whole pyramid levels, or windows of at most
         * {@link #maxInputSide} pixels, through their any-size graph ({@code BlazeFaceAnySize}); false: on
         * overlapping tiles of the network's own square size, as before (more runs, each face seen with less
         * context). The full-range model always runs on tiles.
         */
        public Builder anySizeInput(boolean anySize) {
            this.anySize = anySize;
            return this;
        }

        /**
         * The longest input side of one network run with {@link #anySizeInput} (default
         * {@value BlazeFaceDetector#DEFAULT_MAX_INPUT_SIDE}): larger levels are cut into overlapping windows,
         * which bounds the memory of one run (about 0.2 GB at 1024).
         */
        public Builder maxInputSide(int pixels) {
            if (pixels < 256 || pixels > 8192) {
                throw new IllegalArgumentException("maxInputSide must be 256 to 8192 pixels: " + pixels);
            }
            this.maxInputSide = pixels;
            return this;
        }

        /**
         * A second BlazeFace network that must also score a face at least {@code minScore}
         * (default: front 128, 0.7); null turns verification off.
         */
        public Builder verifier(BlazeFaceVariant verifier, double minScore) {
            this.verifier = verifier;
            this.minVerifyScore = minScore;
            return this;
        }

        public BlazeFaceDetector build() {
            return new BlazeFaceDetector(this);
        }
    }
}
