package org.facecensus.label;

import java.util.Optional;

/**
 * Which stream a card came from. Only {@link #AUDIT} labels are a random sample of the census, so only
 * they feed the corrected share of women and the test split; {@link #ACTIVE} cards are chosen by the
 * classifier's doubt and would bias both.
 *
 * <p>Thread-safety: immutable.
 */
public enum CardStream {
    /** A seeded random permutation of all faces. */
    AUDIT,
    /** The faces the classifier is least sure of. */
    ACTIVE;

    /** The word in the log and the API: {@code audit} or {@code active}. */
    public String word() {
        return EnumWords.word(this);
    }

    /** The stream for a word, any case; empty when the word is not a stream. */
    public static Optional<CardStream> parse(String word) {
        return EnumWords.parse(CardStream.class, word);
    }
}
