package org.facecensus.census;

import java.util.List;
import org.facecensus.classify.Gender;

/**
 * Who an item depicts, from its faces' labels, as the study tabulated it. Faces labelled
 * {@link Gender#UNKNOWN} are ignored; an item whose faces are all unknown is {@link #UNDETERMINED}.
 *
 * <p>Thread-safety: immutable.
 */
public enum Composition {
    NONE, ONE_MAN, ONE_WOMAN, MEN_ONLY, WOMEN_ONLY, MIXED, UNDETERMINED;

    public static Composition of(List<FaceRecord> faces) {
        if (faces.isEmpty()) {
            return NONE;
        }
        long men = faces.stream().filter(f -> f.gender() == Gender.MALE).count();
        long women = faces.stream().filter(f -> f.gender() == Gender.FEMALE).count();
        if (men == 0 && women == 0) {
            return UNDETERMINED;
        }
        if (men > 0 && women > 0) {
            return MIXED;
        }
        if (men > 0) {
            return men == 1 ? ONE_MAN : MEN_ONLY;
        }
        return women == 1 ? ONE_WOMAN : WOMEN_ONLY;
    }

    /** The lower-case, hyphenated label used in files: {@code one-man}, {@code women-only}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
