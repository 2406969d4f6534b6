package org.facecensus.classify.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import org.facecensus.classify.Gender;

/**
 * One labelled face image of a training or evaluation set.
 *
 * @param file   the image (an aligned face crop)
 * @param gender its label, MALE or FEMALE
 * @param split  the split it belongs to ({@code train}, {@code test}, ...), or empty when the set has none
 * @param groups the other label columns (e.g. {@code age}, {@code race}), for per-group figures
 * @param origin where the label came from, for messages ({@code labels.csv line 12}, {@code train/male})
 *
 * <p>Thread-safety: immutable.
 */
public record LabelledFace(Path file, Gender gender, String split, Map<String, String> groups, String origin) {
    public LabelledFace {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(origin, "origin");
        if (gender == Gender.UNKNOWN) {
            throw new IllegalArgumentException("a labelled face must be MALE or FEMALE: " + file);
        }
        groups = Map.copyOf(groups);
    }
}
