package org.facecensus.label;

import java.util.Optional;

/**
 * What a person said about a face, as written in {@code labels.jsonl}. {@link #UNDO} is not an answer:
 * it is the log entry that takes back an answer (one per answer of the batch undone), so that undo
 * never rewrites the log.
 *
 * <p>Thread-safety: immutable.
 */
public enum Label {
    /** A woman or girl. */
    FEMALE,
    /** A man or boy. */
    MALE,
    /** A face, but the gender cannot be told. */
    UNKNOWN,
    /** The detector was wrong: no face there. */
    NOT_A_FACE,
    /** Passed over for now. */
    SKIP,
    /** Takes back the last label still standing (log entries only; never a face's current label). */
    UNDO;

    /** The word in the log and the API: lower case, e.g. {@code not_a_face}. */
    public String word() {
        return EnumWords.word(this);
    }

    /** The label for a word, any case; empty when the word is not a label. */
    public static Optional<Label> parse(String word) {
        return EnumWords.parse(Label.class, word);
    }

    /** True for {@link #FEMALE} and {@link #MALE}: the labels that train and test a gender classifier. */
    public boolean isGender() {
        return this == FEMALE || this == MALE;
    }
}
