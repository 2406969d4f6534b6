package org.facecensus.dataset;

import java.util.Locale;

import org.facecensus.FaceCensusException;
import org.facecensus.classify.Gender;

/**
 * Which faces the gender filter keeps.
 *
 * <p>Thread-safety: immutable.
 */
public enum Keep {
    /** Faces the filter calls female. */
    FEMALE(Gender.FEMALE),
    /** Faces the filter calls male. */
    MALE(Gender.MALE),
    /** Every face; a classifier, when given, only records its verdict. */
    ANY(null);

    private final Gender gender;

    Keep(Gender gender) {
        this.gender = gender;
    }

    /** The gender kept; null for {@link #ANY}. */
    public Gender gender() {
        return gender;
    }

    /** Parses {@code female}, {@code male} or {@code any}. */
    public static Keep parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FaceCensusException("--keep takes female, male or any; got '" + text + "'.");
        }
    }
}
