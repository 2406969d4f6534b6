package org.facecensus.classify.baseline;

import java.util.Objects;

import org.facecensus.align.AlignedFace;
import org.facecensus.classify.Gender;

/**
 * An aligned face with its true (annotated) gender, for training and evaluation.
 *
 * @param face   the aligned crop
 * @param gender the annotation; {@link Gender#UNKNOWN} is not a valid label for training
 *
 * <p>Thread-safety: immutable.
 */
public record LabelledFace(AlignedFace face, Gender gender) {
    public LabelledFace {
        Objects.requireNonNull(face, "face");
        Objects.requireNonNull(gender, "gender");
    }
}
