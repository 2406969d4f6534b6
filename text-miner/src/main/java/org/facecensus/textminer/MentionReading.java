package org.facecensus.textminer;

import org.facecensus.text.Mention;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.facecensus.classify.Gender;
import org.facecensus.textminer.internal.ExcludedSpans;
import org.facecensus.textminer.internal.SentenceSplitter;
import org.facecensus.textminer.internal.TaggedSentence;

/**
 * One sentence being read by {@link DefaultDescriptionMiner}: the rules that turn its gendered words
 * into mentions (gendered nouns with their modifiers, roles next to them, gender adjectives,
 * coordination). Which words name no depicted person is {@link NonPersonRules}' job; how a token's
 * hyphens read is {@link CandidateWord}'s.
 *
 * <p>Thread-safety: not thread-safe; it marks tokens as it reads, so it is made, used and dropped on
 * one thread for one sentence.
 */
final class MentionReading {
    private static final Set<String> POSSESSIVES = Set.of("his", "her", "their", "its", "my", "our", "your", "whose");
    private static final Set<String> MODIFIER_TAGS = Set.of("ADJ", "NOUN", "PROPN", "NUM");
    private static final Set<String> RUN_TAGS = Set.of("ADJ", "NOUN", "PROPN");
    /** Words before the noun that a phrase may take in ("the three young"); more is another phrase. */
    private static final int MAX_MODIFIERS = 4;

    /** Where a noun run's last listed role, common noun and proper noun are (-1: none). */
    private record NounRun(int lastRole, int lastNoun, int lastProper) {
    }

    /** A mention under construction; coordination may still rewrite its term and phrase end. */
    private static final class Found {
        final int token;
        final Gender gender;
        String term;
        final int phraseStart;
        int phraseEnd;
        final boolean roleFromFollowingNoun;
        final boolean hasRole;

        Found(int token, Gender gender, String term, int phraseStart, int phraseEnd, boolean roleFromFollowingNoun,
                boolean hasRole) {
            this.token = token;
            this.gender = gender;
            this.term = term;
            this.phraseStart = phraseStart;
            this.phraseEnd = phraseEnd;
            this.roleFromFollowingNoun = roleFromFollowingNoun;
            this.hasRole = hasRole;
        }
    }

    private final GenderLexicon lexicon;
    private final SentenceSplitter.Piece piece;
    private final TaggedSentence s;
    private final NonPersonRules rules;
    private final boolean[] used;
    private final CandidateWord[] words;
    private final boolean[] wordRead;
    private final List<Found> found = new ArrayList<>();

    MentionReading(GenderLexicon lexicon, SentenceSplitter.Piece piece, TaggedSentence s, ExcludedSpans excluded) {
        this.lexicon = lexicon;
        this.piece = piece;
        this.s = s;
        this.rules = new NonPersonRules(piece, s, excluded);
        this.used = new boolean[s.size()];
        this.words = new CandidateWord[s.size()];
        this.wordRead = new boolean[s.size()];
    }

    void read(List<Mention> out) {
        for (int i = 0; i < s.size(); i++) {
            if (used[i]) {
                continue;
            }
            CandidateWord word = word(i);
            if (word == null) {
                continue;
            }
            Optional<Gender> adjective = lexicon.adjective(word.base());
            if (adjective.isPresent()) {
                if (!rules.isExcluded(i, word)) {
                    readAdjective(i, adjective.get());
                }
                continue;
            }
            Optional<GenderLexicon.Noun> noun = lexicon.noun(word.base());
            if (noun.isPresent() && !rules.isExcluded(i, word)) {
                readNoun(i, word, noun.get());
            }
        }
        shareCoordinatedRoles();
        found.sort(Comparator.comparingInt(f -> f.token));
        for (Found f : found) {
            out.add(new Mention(f.gender, f.term, s.surface(f.phraseStart, f.phraseEnd), piece.sentence()));
        }
    }

    /** "female tractor drivers", "Male and female workers", "a female". */
    private void readAdjective(int i, Gender gender) {
        List<int[]> coordinated = new ArrayList<>();
        coordinated.add(new int[] {i, gender.ordinal()});
        int last = i;
        while (last + 2 < s.size() && "CCONJ".equals(s.upos(last + 1))) {
            CandidateWord next = word(last + 2);
            Optional<Gender> nextGender = next == null ? Optional.empty() : lexicon.adjective(next.base());
            if (nextGender.isEmpty() || rules.isExcluded(last + 2, next)) {
                break;
            }
            coordinated.add(new int[] {last + 2, nextGender.get().ordinal()});
            last += 2;
        }
        int runStart = last + 1;
        NounRun run = nounRun(runStart);
        // "female engine driver Tian Guiying": the role, not the name after it, is the head.
        int head = run.lastRole() >= 0 ? run.lastRole() : run.lastNoun() >= 0 ? run.lastNoun() : run.lastProper();
        int phraseStart = phraseStart(i);
        if (head < 0) {
            // "a female", "the males": the adjective is the noun. A predicate ("is female") names nobody new.
            if (coordinated.size() == 1 && "NOUN".equals(s.upos(i))) {
                String base = word(i).base();
                String lemma = base.endsWith("s") ? base.substring(0, base.length() - 1) : base;
                found.add(new Found(i, gender, lemma, phraseStart, i, false, false));
                used[i] = true;
            }
            return;
        }
        String term = headTerm(runStart, head);
        for (int[] c : coordinated) {
            found.add(new Found(c[0], Gender.values()[c[1]], term, phraseStart, head, true, true));
        }
        markUsed(i, head);
    }

    /** The term a noun run ending at {@code head} gives: a listed role, a gendered noun, else the lemma. */
    private String headTerm(int runStart, int head) {
        String role = roleEndingAt(runStart, head);
        if (role != null) {
            return role;
        }
        Optional<GenderLexicon.Noun> noun = lexicon.noun(s.word(head));
        if (noun.isPresent()) {
            return noun.get().role() != null ? noun.get().role() : noun.get().lemma();
        }
        // Only a noun the lexicon does not know ("female figure") needs the statistical lemmatizer.
        return s.lemma(head);
    }

    /** "a young girl", "peasant woman", "women workers", "militia-woman", "mother-in-law". */
    private void readNoun(int i, CandidateWord word, GenderLexicon.Noun noun) {
        int phraseStart = word.prefixIsPreviousToken() ? Math.min(phraseStart(i - 1), i - 1) : phraseStart(i);
        int phraseEnd = i;
        String term = null;
        boolean fromFollowing = false;
        if (word.inLaw()) {
            phraseEnd = tokenEndingAfter(i, s.end(i) + CandidateWord.IN_LAW.length());
            term = noun.lemma() + CandidateWord.IN_LAW;
        }
        if (term == null && word.hyphenPrefix() != null && lexicon.isRole(word.hyphenPrefix())) {
            term = word.hyphenPrefix();
        }
        if (term == null && !s.hasClitic(i)) {
            NounRun run = nounRun(i + 1);
            if (run.lastRole() >= 0) {
                term = roleEndingAt(i + 1, run.lastRole());
                phraseEnd = run.lastRole();
                fromFollowing = true;
            } else if (isThingModifier(i, word)) {
                return;
            }
        }
        if (term == null) {
            term = precedingRole(i);
        }
        boolean hasRole = term != null;
        if (term == null) {
            term = noun.role() != null ? noun.role() : noun.lemma();
            hasRole = noun.role() != null;
        }
        found.add(new Found(i, noun.gender(), term, phraseStart, phraseEnd, fromFollowing, hasRole));
        markUsed(i, phraseEnd);
    }

    /**
     * "the mother country", "man power": a singular gendered noun directly before a common noun that is
     * no role modifies a thing and names nobody.
     */
    private boolean isThingModifier(int i, CandidateWord word) {
        int next = i + 1;
        // A next word ending in -s is as often a verb the tagger took for a noun ("the man waits").
        return next < s.size() && "NOUN".equals(s.upos(next)) && !isGenderWord(next)
                && Character.isLowerCase(s.word(next).charAt(0)) && !s.word(next).endsWith("s")
                && lexicon.noun(word.base()).map(n -> n.lemma().equals(word.base())).orElse(false);
    }

    /**
     * The run of NOUN, PROPN and ADJ tokens from {@code start}: where its last listed role, common noun
     * and proper noun end (-1: none). It stops at a possessive, a quotation, another gendered word and a
     * name in apposition.
     */
    private NounRun nounRun(int start) {
        int lastNoun = -1;
        int lastProper = -1;
        int lastRole = -1;
        for (int j = start; j < s.size() && RUN_TAGS.contains(s.upos(j)) && !rules.isExcludedAt(j)
                && !isAppositionName(start, j) && (j == start || !isGenderWord(j)); j++) {
            if ("NOUN".equals(s.upos(j))) {
                lastNoun = j;
            } else if ("PROPN".equals(s.upos(j))) {
                lastProper = j;
            }
            if (roleEndingAt(start, j) != null) {
                lastRole = j;
            }
            if (s.hasClitic(j)) {
                break;
            }
        }
        return new NounRun(lastRole, lastNoun, lastProper);
    }

    /** A capitalised word after a lower-case one in a noun run starts a name in apposition. */
    private boolean isAppositionName(int runStart, int j) {
        return !rules.allCaps() && j > runStart && Character.isUpperCase(s.word(j).charAt(0))
                && Character.isLowerCase(s.word(j - 1).charAt(0));
    }

    /** "men and women workers": the men share the women's role. */
    private void shareCoordinatedRoles() {
        found.sort(Comparator.comparingInt(f -> f.token));
        for (int k = found.size() - 2; k >= 0; k--) {
            Found first = found.get(k);
            Found second = found.get(k + 1);
            if (!first.hasRole && second.roleFromFollowingNoun && second.token == first.token + 2
                    && "CCONJ".equals(s.upos(first.token + 1))) {
                first.term = second.term;
                first.phraseEnd = second.phraseEnd;
            }
        }
    }

    /**
     * The longest listed role made of the words from some token at or after {@code from} to
     * {@code head}: the modifiers as written, the head as written or singular ("tractor drivers").
     */
    private String roleEndingAt(int from, int head) {
        for (int len = Math.min(lexicon.longestRole(), head - from + 1); len >= 1; len--) {
            String modifiers = lowerWords(head - len + 1, head - 1);
            for (String form : CandidateWord.singularForms(s.word(head))) {
                String candidate = modifiers.isEmpty() ? form : modifiers + " " + form;
                if (lexicon.isRole(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** "peasant woman", "Red Guard girls": a listed role right before the noun. */
    private String precedingRole(int i) {
        for (int len = Math.min(lexicon.longestRole(), i); len >= 1; len--) {
            int from = i - len;
            boolean modifiers = true;
            for (int j = from; j < i && modifiers; j++) {
                modifiers = RUN_TAGS.contains(s.upos(j)) && !s.hasClitic(j) && !used[j] && !rules.isExcludedAt(j);
            }
            if (modifiers) {
                String role = roleEndingAt(from, i - 1);
                if (role != null && role.split(" ").length == len) {
                    return role;
                }
            }
        }
        return null;
    }

    /** The role token {@code j} alone names, if any ("workers" -> worker). */
    private String roleForm(int j) {
        for (String form : CandidateWord.singularForms(s.word(j))) {
            if (lexicon.isRole(form)) {
                return form;
            }
        }
        return null;
    }

    private String lowerWords(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int j = from; j <= to; j++) {
            if (j > from) {
                b.append(' ');
            }
            b.append(s.word(j).toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }

    /** Where the phrase of the word at {@code i} starts: its determiner, numerals, adjectives, nouns. */
    private int phraseStart(int i) {
        int start = i;
        for (int j = i - 1; j >= 0 && i - j <= MAX_MODIFIERS; j--) {
            if (used[j] || s.hasClitic(j) || rules.isExcludedAt(j) || isGenderWord(j)) {
                break;
            }
            String tag = s.upos(j);
            // A common noun joins the phrase only as a listed role: a tagger's NOUN before the phrase is
            // as often a mis-tagged verb ("industry today employs 18 men").
            if (MODIFIER_TAGS.contains(tag) && (!"NOUN".equals(tag) || roleForm(j) != null)) {
                start = j;
                continue;
            }
            if ("DET".equals(tag) || ("PRON".equals(tag) && POSSESSIVES.contains(s.word(j).toLowerCase(Locale.ROOT)))) {
                start = j;
            }
            break;
        }
        return start;
    }

    private boolean isGenderWord(int j) {
        CandidateWord w = word(j);
        return w != null && (lexicon.adjective(w.base()).isPresent() || lexicon.noun(w.base()).isPresent());
    }

    private void markUsed(int from, int to) {
        for (int j = from; j <= to; j++) {
            used[j] = true;
        }
    }

    /** The index of the first token at or after {@code i} that ends at or after {@code offset}. */
    private int tokenEndingAfter(int i, int offset) {
        int j = i;
        while (j + 1 < s.size() && s.end(j) < offset) {
            j++;
        }
        return j;
    }

    /**
     * The tokenizer splits hyphens unevenly ("militia", "-woman"; "man-", "made"; "mother", "-",
     * "in-law"), so hyphens are read from the text around the token.
     */
    private CandidateWord word(int i) {
        if (!wordRead[i]) {
            words[i] = CandidateWord.read(s, i);
            wordRead[i] = true;
        }
        return words[i];
    }
}
