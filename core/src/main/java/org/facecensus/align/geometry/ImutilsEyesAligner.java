package org.facecensus.align.geometry;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.facecensus.FaceCensus;
import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.align.FaceAligner;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.LandmarkDetector;
import org.facecensus.detect.LandmarkScheme;
import org.facecensus.detect.Landmarks;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.ProviderContext;
import org.facecensus.spi.inference.ExecutionDevice;

/**
 * {@code imutils-eyes}: imutils' {@code FaceAligner} ({@code imutils.face_utils}) in Java. The eye
 * centres are the means of dlib points 36-41 and 42-47, truncated to integers as imutils does; the
 * face is rotated about their midpoint until they are level, scaled so they are
 * {@code (1 - 2·0.35)·224} pixels apart, and placed so that the eye on the image's left lands at
 * {@code (0.35·224, 0.35·224)}; then warped with bicubic interpolation (see {@link CubicWarp}: the
 * same kernel and fixed-point scheme as {@code cv2.warpAffine(..., INTER_CUBIC)}, but not verified
 * bit-exact with OpenCV). Output 224×224 by default; every parameter is set through {@link Builder}.
 *
 * <p>Landmarks: the face's own if they are {@link LandmarkScheme#IBUG_68}; otherwise the
 * {@value #DEFAULT_LANDMARKS} landmark detector (found by name, so this geometry needs no detector
 * module until a face without iBUG points arrives) is run on the face box. imutils passes OpenCV's
 * grey image to the predictor ({@code fa.align(image, gray, rect)}); so does this aligner by default,
 * as an RGB image with three equal channels: dlib's RGB intensity, the truncated mean of the
 * channels, then reads exactly OpenCV's grey value. {@link Builder#greyLandmarkInput} turns that off.
 *
 * <p>Thread-safety: thread-safe; the landmark detector is shared and itself thread-safe, the default
 * one is made once, on first need. {@link #close()} is idempotent and closes the landmark detector
 * only if this aligner made it.
 */
public final class ImutilsEyesAligner implements FaceAligner {
    public static final String NAME = "imutils-eyes";
    /** The landmark detector imutils uses, run on faces that come without 68 iBUG points. */
    public static final String DEFAULT_LANDMARKS = "dlib-68";

    private final AlignerSettings settings;
    private final ProviderContext context;
    private final boolean ownsLandmarks;
    private final boolean greyInput;
    private final boolean imutilsRounding;
    private final AtomicReference<LandmarkDetector> landmarks = new AtomicReference<>();
    /** The last image converted to grey and its copy: the faces of one image arrive one after another. */
    private final AtomicReference<RgbImage[]> lastGrey = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final FaceCensus providers;

    private ImutilsEyesAligner(Builder b) {
        this.settings = b.geometry();
        this.context = new ProviderContext(b.store, ExecutionDevice.fromSystemProperty());
        this.ownsLandmarks = b.landmarks == null;
        this.landmarks.set(b.landmarks);
        // A detector the caller gave gets the image as it is: only imutils' own predictor reads grey.
        this.greyInput = b.landmarks == null && b.greyInput;
        this.imutilsRounding = b.imutilsRounding;
        this.providers = b.providers;
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
                .orElseGet(() -> landmarks().locate(greyInput ? grey(image) : image, face.box()));
        if (lm.scheme() != LandmarkScheme.IBUG_68) {
            throw new FaceCensusException(NAME + " needs 68-point (iBUG) landmarks but " + landmarks().name()
                    + " gives " + lm.scheme() + "; use the dlib-68 landmark detector or the similarity-5pt aligner.");
        }
        return settings.warp(image, lm, face, imutilsRounding);
    }

    /** The landmark detector, the default one made on first need (two threads may race; one wins). */
    private LandmarkDetector landmarks() {
        LandmarkDetector current = landmarks.get();
        if (current != null) {
            return current;
        }
        LandmarkDetector made = (providers != null ? providers : FaceCensus.defaults()).withContext(context)
                .createLandmarkDetector(DEFAULT_LANDMARKS);
        if (landmarks.compareAndSet(null, made)) {
            return made;
        }
        made.close();
        return landmarks.get();
    }

    /**
     * OpenCV's {@code cvtColor(BGR2GRAY)} of {@code image} (0.299R + 0.587G + 0.114B in 14-bit fixed
     * point, rounded) in all three channels; the last image's copy is kept, as its faces come in turn.
     */
    private RgbImage grey(RgbImage image) {
        RgbImage[] last = lastGrey.get();
        if (last != null && last[0] == image) {
            return last[1];
        }
        ByteBuffer px = image.pixels();
        byte[] out = new byte[image.width() * image.height() * 3];
        for (int i = 0; i < out.length; i += 3) {
            int r = px.get(i) & 0xff;
            int g = px.get(i + 1) & 0xff;
            int b = px.get(i + 2) & 0xff;
            byte v = (byte) ((r * 4899 + g * 9617 + b * 1868 + (1 << 13)) >> 14);
            out[i] = v;
            out[i + 1] = v;
            out[i + 2] = v;
        }
        RgbImage grey = RgbImage.of(image.width(), image.height(), out);
        lastGrey.set(new RgbImage[] {image, grey});
        return grey;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            lastGrey.set(null);
            LandmarkDetector made = landmarks.get();
            if (ownsLandmarks && made != null) {
                made.close();
            }
        }
    }

    /**
     * Options for {@link ImutilsEyesAligner}; the defaults are imutils' with a 224-pixel face.
     *
     * <p>Thread-safety: not thread-safe; build on one thread.
     */
    public static final class Builder extends CropGeometryBuilder<Builder> {
        private boolean imutilsRounding = true;
        private LandmarkDetector landmarks;
        private ModelStore store = ModelStore.defaultStore();
        private boolean greyInput = true;
        private FaceCensus providers;

        private Builder() {
        }

        /**
         * Where the default {@value ImutilsEyesAligner#DEFAULT_LANDMARKS} detector is looked up by name
         * (default: {@link FaceCensus#defaults()}, the classpath's providers).
         */
        public Builder providers(FaceCensus census) {
            this.providers = Objects.requireNonNull(census, "census");
            return this;
        }

        /** Truncate eye centres to integers as imutils does (default {@code true}). */
        public Builder imutilsRounding(boolean on) {
            this.imutilsRounding = on;
            return this;
        }

        /**
         * The 68-point detector for faces without iBUG landmarks; it sees the image as it is (default:
         * {@value ImutilsEyesAligner#DEFAULT_LANDMARKS} from the model store, on the grey image).
         */
        public Builder landmarkDetector(LandmarkDetector detector) {
            this.landmarks = Objects.requireNonNull(detector, "detector");
            return this;
        }

        /** The model store for the default {@value ImutilsEyesAligner#DEFAULT_LANDMARKS} detector. */
        public Builder modelStore(ModelStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Whether the default {@value ImutilsEyesAligner#DEFAULT_LANDMARKS} detector reads OpenCV's grey
         * image, as imutils' predictor does (default {@code true}), or the RGB image.
         */
        public Builder greyLandmarkInput(boolean on) {
            this.greyInput = on;
            return this;
        }

        public ImutilsEyesAligner build() {
            return new ImutilsEyesAligner(this);
        }
    }
}
