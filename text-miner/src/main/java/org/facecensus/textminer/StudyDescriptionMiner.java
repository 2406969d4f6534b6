package org.facecensus.textminer;

import org.facecensus.text.Mention;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.facecensus.classify.Gender;
import org.facecensus.textminer.internal.SentenceSplitter;
import org.facecensus.textminer.internal.TaggedSentence;

/**
 * The study's rule, reproduced: every token whose lemma is {@code male} or {@code female}, followed by a
 * run of NOUN, PROPN or ADJ tokens; the mention's term is the lemma of the run's last noun ("female
 * tractor drivers" → driver; the last proper noun if the run has no common noun). A token not followed
 * by such a run gives nothing, so "Male and female workers" yields only the female workers, as the
 * study's spaCy rule did. Nothing is excluded: quoted titles count too.
 *
 * <p>Differences from spaCy that remain: OpenNLP's English UD models tag and lemmatise instead of
 * spaCy's, and a possessive stays on its noun ("workers'"), which ends the run there as spaCy's
 * separate {@code 's} token would. Terms are lower-case.
 *
 * <p>Thread-safety: thread-safe; the OpenNLP tools are per thread over shared models.
 */
public final class StudyDescriptionMiner extends OpenNlpMiner<Void> {
    public static final String NAME = "study";

    private static final Set<String> RUN_TAGS = Set.of("NOUN", "PROPN", "ADJ");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    boolean mayMention(CharSequence text) {
        // Only these four spellings lemmatise to male/female, so the filter loses nothing.
        String lower = text.toString().toLowerCase(Locale.ROOT);
        return lower.contains("male");
    }

    @Override
    Void prepare(String description) {
        return null;
    }

    @Override
    void mineSentence(String description, SentenceSplitter.Piece piece, TaggedSentence s, Void state, List<Mention> out) {
        for (int i = 0; i < s.size(); i++) {
            Gender gender = genderOf(s, i);
            if (gender == null) {
                continue;
            }
            int lastNoun = -1;
            int lastProper = -1;
            int j = i + 1;
            while (j < s.size() && RUN_TAGS.contains(s.upos(j))) {
                if ("NOUN".equals(s.upos(j))) {
                    lastNoun = j;
                } else if ("PROPN".equals(s.upos(j))) {
                    lastProper = j;
                }
                j++;
                if (s.hasClitic(j - 1)) {
                    break;
                }
            }
            int head = lastNoun >= 0 ? lastNoun : lastProper;
            if (head >= 0) {
                out.add(new Mention(gender, s.lemma(head), s.surface(i, j - 1), piece.sentence()));
            }
        }
    }

    /**
     * The gender whose lemma the token has. Only male, males, female and females (in any case) lemmatise
     * to male or female, so the word decides without running the lemmatizer on every token.
     */
    private static Gender genderOf(TaggedSentence s, int i) {
        return switch (s.word(i).toLowerCase(Locale.ROOT)) {
            case "female", "females" -> Gender.FEMALE;
            case "male", "males" -> Gender.MALE;
            default -> null;
        };
    }
}
