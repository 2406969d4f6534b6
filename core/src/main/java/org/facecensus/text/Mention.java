package org.facecensus.text;

import java.util.Objects;

import org.facecensus.classify.Gender;

/**
 * A person named in a description: "female worker" gives gender FEMALE, term {@code worker}.
 *
 * @param gender   the gender the words mark
 * @param term     lemma of the role or occupation if there is one, else of the gendered noun
 * @param phrase   the surface text the mention was found in
 * @param sentence zero-based index of the sentence in the description
 *
 * <p>Thread-safety: immutable.
 */
public record Mention(Gender gender, String term, String phrase, int sentence) {
    public Mention {
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(term, "term");
        Objects.requireNonNull(phrase, "phrase");
    }
}
