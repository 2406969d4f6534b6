package org.facecensus.detectors.align;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.align.FaceAligner;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.LandmarkDetector;
import org.facecensus.detect.LandmarkScheme;
import org.facecensus.detect.Landmarks;
import org.facecensus.detectors.dlib.shape.DlibShapeDetector;
import org.facecensus.detectors.dlib.shape.PixelIntensity;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelStore;

/**
 * {@code imutils-eyes}: imutils' {@code FaceAligner} ({@code imutils.face_utils}) in Java. The eye
 * centres are the means of dlib points 36-41 and 42-47, truncated to integers as imutils does; the
 * face is rotated about their midpoint until they are level, scaled so they are
 * {@code (1 - 2·0.35)·224} pixels apart, and placed so that the eye on the image's left lands at
 * {@code (0.35·224, 0.35·224)}; then warped with bicubic interpolation (see {@link CubicWarp}: the
 * same kernel and fixed-point scheme as {@code cv2.warpAffine(..., INTER_CUBIC)}, but not verified
 * bit-exact with OpenCV). Output 224×224 by default; every parameter is set through {@link Builder}.
 *
 * <p>Landmarks: the face's own if they are {@link LandmarkScheme#IBUG_68}; otherwise dlib-68 is run
 * on the face box. imutils passes OpenCV's grey image to the predictor
 * ({@code fa.align(image, gray, rect)}), so by default the predictor sees
 * {@link PixelIntensity#OPENCV_GRAY}; {@link Builder#landmarkIntensity} changes that.
 *
 * <p>Thread-safety: thread-safe; the landmark detector is shared and itself thread-safe.
 * {@link #close()} is idempotent and closes the landmark detector only if this aligner made it.
 */
public final class ImutilsEyesAligner implements FaceAligner {
    public static final String NAME = "imutils-eyes";

    private final AlignerSettings settings;
    private final LandmarkDetector landmarks;
    private final boolean ownsLandmarks;
    private final boolean imutilsRounding;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ImutilsEyesAligner(Builder b) {
        this.settings = new AlignerSettings(b.width, b.height == 0 ? b.width : b.height, b.eyeX, b.eyeY);
        this.ownsLandmarks = b.landmarks == null;
        this.landmarks = b.landmarks != null ? b.landmarks
                : DlibShapeDetector.builder().modelStore(b.store).intensity(b.intensity).build();
        this.imutilsRounding = b.imutilsRounding;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AlignedFace align(RgbImage image, DetectedFace face) {
        if (closed.get()) {
            throw new FaceCensusException("The " + NAME + " aligner is closed; create a new one.");
        }
        Landmarks lm = face.landmarks().filter(l -> l.scheme() == LandmarkScheme.IBUG_68)
                .orElseGet(() -> landmarks.locate(image, face.box()));
        if (lm.scheme() != LandmarkScheme.IBUG_68) {
            throw new FaceCensusException(NAME + " needs 68-point (iBUG) landmarks but " + landmarks.name()
                    + " gives " + lm.scheme() + "; use the dlib-68 landmark detector or the similarity-5pt aligner.");
        }
        double[] m = EyeLevelTransform.compute(lm.rightEye(), lm.leftEye(), settings.eyeX(), settings.eyeY(),
                settings.width(), settings.height(), imutilsRounding);
        return new AlignedFace(CubicWarp.warp(image, m, settings.width(), settings.height()), m, face);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && ownsLandmarks) {
            landmarks.close();
        }
    }

    /**
     * Options for {@link ImutilsEyesAligner}; the defaults are imutils' with a 224-pixel face.
     *
     * <p>Thread-safety: not thread-safe; build on one thread.
     */
    public static final class Builder {
        private int width = 224;
        private int height;
        private double eyeX = 0.35;
        private double eyeY = 0.35;
        private boolean imutilsRounding = true;
        private LandmarkDetector landmarks;
        private ModelStore store = ModelStore.defaultStore();
        private PixelIntensity intensity = PixelIntensity.OPENCV_GRAY;

        private Builder() {
        }

        /** Output width ({@code desiredFaceWidth}, default 224). */
        public Builder faceWidth(int width) {
            this.width = width;
            return this;
        }

        /** Output height ({@code desiredFaceHeight}; default: the width). */
        public Builder faceHeight(int height) {
            this.height = height;
            return this;
        }

        /** imutils' {@code desiredLeftEye} (default 0.35, 0.35): where the image-left eye lands, as fractions. */
        public Builder desiredLeftEye(double x, double y) {
            this.eyeX = x;
            this.eyeY = y;
            return this;
        }

        /** Truncate eye centres to integers as imutils does (default {@code true}). */
        public Builder imutilsRounding(boolean on) {
            this.imutilsRounding = on;
            return this;
        }

        /** The 68-point detector for faces without iBUG landmarks (default: dlib-68 from the model store). */
        public Builder landmarkDetector(LandmarkDetector detector) {
            this.landmarks = Objects.requireNonNull(detector, "detector");
            return this;
        }

        /** The model store for the default dlib-68 detector. */
        public Builder modelStore(ModelStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** What the default dlib-68 detector reads (default {@link PixelIntensity#OPENCV_GRAY}, as imutils). */
        public Builder landmarkIntensity(PixelIntensity intensity) {
            this.intensity = Objects.requireNonNull(intensity, "intensity");
            return this;
        }

        public ImutilsEyesAligner build() {
            return new ImutilsEyesAligner(this);
        }
    }
}
