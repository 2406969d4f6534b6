package org.facecensus.align.geometry;

import java.util.concurrent.atomic.AtomicBoolean;

import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.align.FaceAligner;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.Landmarks;
import org.facecensus.image.RgbImage;

/**
 * {@code similarity-5pt}: the same eye-level similarity as {@link ImutilsEyesAligner} (eyes level, the
 * image-left eye at {@code (0.35·224, 0.35·224)}, bicubic warp), from whatever eye keypoints the
 * detector gave: BlazeFace's 6 points, 5-point schemes or dlib's 68 (eye centres from
 * {@link Landmarks#rightEye()} and {@link Landmarks#leftEye()}). Centres are used as they are, not
 * truncated. So any detector with eye keypoints can feed any classifier, without dlib's
 * non-commercial model.
 *
 * <p>Thread-safety: immutable; {@link #close()} is idempotent.
 */
public final class SimilarityAligner implements FaceAligner {
    public static final String NAME = "similarity-5pt";

    private final AlignerSettings settings;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SimilarityAligner(Builder b) {
        this.settings = b.geometry();
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
        Landmarks lm = face.landmarks().orElseThrow(() -> new FaceCensusException(
                NAME + " needs eye keypoints, but this face (box " + face.box() + ") has none. Use a detector"
                        + " that gives keypoints (blazeface), or the imutils-eyes aligner, which finds them with dlib-68."));
        return settings.warp(image, lm, face, false);
    }

    @Override
    public void close() {
        closed.set(true);
    }

    /**
     * Options for {@link SimilarityAligner} (default: 224×224, eye at 0.35, 0.35).
     *
     * <p>Thread-safety: not thread-safe; build on one thread.
     */
    public static final class Builder extends CropGeometryBuilder<Builder> {

        private Builder() {
        }

        public SimilarityAligner build() {
            return new SimilarityAligner(this);
        }
    }
}
