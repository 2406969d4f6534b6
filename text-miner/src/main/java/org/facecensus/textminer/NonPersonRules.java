package org.facecensus.textminer;

import java.util.Locale;
import java.util.Set;

import org.facecensus.textminer.internal.ExcludedSpans;
import org.facecensus.textminer.internal.SentenceSplitter;
import org.facecensus.textminer.internal.TaggedSentence;

/**
 * Whether a gendered word in one sentence names no depicted person: it lies in a quotation or title
 * span, is a verb ("to man the guns"), a hyphenated modifier ("man-made"), or a capitalised title, name
 * or honorific ("Red Detachment of Women", "Chairman Mao"). Kept apart from {@link MentionReading} so
 * that what a mention is and what is no mention can be read and changed separately.
 *
 * <p>Thread-safety: immutable.
 */
final class NonPersonRules {
    /** Skipped when deciding whether a capitalised first word starts a title ("Men of No Property"). */
    private static final Set<String> FUNCTION_WORDS = Set.of(
            "of", "the", "a", "an", "and", "or", "in", "on", "at", "to", "for", "with", "from", "by", "no", "not", "&");

    private final SentenceSplitter.Piece piece;
    private final TaggedSentence s;
    private final ExcludedSpans excluded;
    private final boolean allCaps;

    NonPersonRules(SentenceSplitter.Piece piece, TaggedSentence s, ExcludedSpans excluded) {
        this.piece = piece;
        this.s = s;
        this.excluded = excluded;
        this.allCaps = isAllCaps(s.text());
    }

    /** An all-capitals sentence (a headline): capitals there say nothing about titles or names. */
    boolean allCaps() {
        return allCaps;
    }

    /** Why a gendered word names no depicted person, if it does not. */
    boolean isExcluded(int i, CandidateWord word) {
        if (word.hyphenatedModifier() || isExcludedAt(i)) {
            return true;
        }
        String tag = s.upos(i);
        if ("VERB".equals(tag) || "AUX".equals(tag)) {
            return true; // "to man the guns"
        }
        String text = s.word(i);
        int first = 0;
        while (first < text.length() && !Character.isLetter(text.charAt(first))) {
            first++;
        }
        if (allCaps || first >= text.length() || !Character.isUpperCase(text.charAt(first))) {
            return false;
        }
        // Capitalised: a title, name or honorific unless it merely starts the sentence.
        return !isSentenceInitial(i) || titleFollows(i);
    }

    /** Token {@code i} lies in a quotation or title span of the description. */
    boolean isExcludedAt(int i) {
        return excluded.contains(piece.start() + s.start(i));
    }

    private boolean isSentenceInitial(int i) {
        for (int j = i - 1; j >= 0; j--) {
            String tag = s.upos(j);
            if (!"PUNCT".equals(tag) && !"SYM".equals(tag)) {
                return false;
            }
            String token = s.token(j);
            if (token.equals(":") || token.equals(";")) {
                return true;
            }
        }
        return true;
    }

    /** "Men of No Property", "Women Workers' Congress": the next content word is capitalised too. */
    private boolean titleFollows(int i) {
        for (int j = i + 1; j < s.size(); j++) {
            String tag = s.upos(j);
            if ("PUNCT".equals(tag) || "SYM".equals(tag)) {
                return false;
            }
            String next = s.word(j);
            if (FUNCTION_WORDS.contains(next.toLowerCase(Locale.ROOT))) {
                continue;
            }
            return Character.isUpperCase(next.charAt(0));
        }
        return false;
    }

    private static boolean isAllCaps(String text) {
        int upper = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (Character.isLowerCase(c)) {
                return false;
            }
            if (Character.isUpperCase(c)) {
                upper++;
            }
        }
        return upper > 3;
    }
}
