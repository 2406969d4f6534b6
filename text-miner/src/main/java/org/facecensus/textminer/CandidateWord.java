package org.facecensus.textminer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.facecensus.textminer.internal.TaggedSentence;

/**
 * A token as the default miner looks it up: the part the lexicon is asked about, and what its hyphens
 * say. Kept apart from the mention rules because the tokenizer splits hyphens unevenly ("militia",
 * "-woman"; "man-", "made"; "mother", "-", "in-law"), so hyphens are read from the text around the
 * token, and those rules should see one settled word.
 *
 * <p>Thread-safety: immutable.
 */
record CandidateWord(String base, String hyphenPrefix, boolean prefixIsPreviousToken, boolean inLaw,
        boolean hyphenatedModifier) {

    static final String IN_LAW = "-in-law";

    /** The word at token {@code i} of {@code s}, or null if it is too short or no word ("-", "24"). */
    static CandidateWord read(TaggedSentence s, int i) {
        String raw = s.word(i);
        String text = s.text();
        boolean leftHyphen = raw.startsWith("-") || (s.start(i) > 0 && text.charAt(s.start(i) - 1) == '-');
        boolean rightHyphen = raw.endsWith("-") || (s.end(i) < text.length() && text.charAt(s.end(i)) == '-');
        String core = raw.replaceAll("^-+|-+$", "").toLowerCase(Locale.ROOT);
        boolean inLaw = false;
        if (core.endsWith(IN_LAW)) {
            inLaw = true;
            core = core.substring(0, core.length() - IN_LAW.length());
        } else if (rightHyphen && text.regionMatches(true, s.end(i) + (raw.endsWith("-") ? -1 : 0), IN_LAW, 0,
                IN_LAW.length())) {
            inLaw = true;
            rightHyphen = false;
        }
        String prefix = null;
        boolean prefixIsPreviousToken = false;
        int hyphen = core.lastIndexOf('-');
        if (hyphen >= 0) {
            prefix = core.substring(0, hyphen);
            core = core.substring(hyphen + 1);
        } else if (leftHyphen && i > 0) {
            prefix = s.word(i - 1).replaceAll("^-+|-+$", "").toLowerCase(Locale.ROOT);
            prefixIsPreviousToken = true;
        }
        if (core.length() < 2 || !Character.isLetter(core.charAt(0))) {
            return null;
        }
        return new CandidateWord(core, prefix, prefixIsPreviousToken, inLaw, rightHyphen && !inLaw);
    }

    /**
     * The word lower-case, then its possible singulars ("heroes": heroes, hero, heroe). Roles are looked
     * up with these rather than with the statistical lemmatizer, which is slower and mislemmatises rare
     * plurals ("heroes" -> heroe, "militiawomen" -> militiawome).
     */
    static List<String> singularForms(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        List<String> forms = new ArrayList<>(4);
        forms.add(w);
        if (w.endsWith("men") && w.length() > 3) {
            forms.add(w.substring(0, w.length() - 3) + "man");
        } else if (w.endsWith("ies") && w.length() > 4) {
            forms.add(w.substring(0, w.length() - 3) + "y");
        } else if (w.endsWith("ves") && w.length() > 4) {
            forms.add(w.substring(0, w.length() - 3) + "fe");
            forms.add(w.substring(0, w.length() - 3) + "f");
        } else if (w.endsWith("s") && !w.endsWith("ss") && w.length() > 3) {
            if (w.endsWith("es")) {
                forms.add(w.substring(0, w.length() - 2));
            }
            forms.add(w.substring(0, w.length() - 1));
        }
        return forms;
    }
}
