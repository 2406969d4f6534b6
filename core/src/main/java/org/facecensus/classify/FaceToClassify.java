package org.facecensus.classify;

import java.util.Objects;
import java.util.Optional;

import org.facecensus.align.AlignedFace;
import org.facecensus.detect.DetectedFace;
import org.facecensus.image.RgbImage;

/**
 * One face handed to {@link GenderClassifier#predict}: the image it is in, its detection (with the
 * landmarks that were located), and the aligner's crop when there is one. A classifier that cuts its
 * own crop reads the image and the landmarks; the others read the aligned crop.
 *
 * <p>Thread-safety: immutable (the image is not copied; do not change its pixels).
 *
 * @param image   the whole image
 * @param face    the box and landmarks in image pixels
 * @param aligned the aligner's crop; empty when no aligner was chosen or alignment failed
 */
public record FaceToClassify(RgbImage image, DetectedFace face, Optional<AlignedFace> aligned) {
    public FaceToClassify {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(face, "face");
        Objects.requireNonNull(aligned, "aligned");
    }

    /** An image that already is an aligned face (a crop from a labelled data set, say). */
    public static FaceToClassify ofAligned(AlignedFace aligned) {
        return new FaceToClassify(aligned.crop(), aligned.source(), Optional.of(aligned));
    }
}
