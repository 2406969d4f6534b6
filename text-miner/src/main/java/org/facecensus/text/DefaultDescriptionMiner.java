package org.facecensus.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.facecensus.classify.Gender;
import org.facecensus.text.internal.ExcludedSpans;
import org.facecensus.text.internal.SentenceSplitter;
import org.facecensus.text.internal.TaggedSentence;

/**
 * The richer mode: every person a description names with a gendered word, and the role it names them
 * by. Driven by a {@link GenderLexicon}:
 * <ul>
 *   <li>gendered nouns with their modifiers: "a young girl" (girl), "his wife" (wife), "24,000 men" (man),
 *       "militiawoman" (militia);</li>
 *   <li>a listed role next to the noun becomes the term: "peasant woman" (peasant), "three women workers"
 *       (worker), "militia-woman" (militia);</li>
 *   <li>gender adjectives before a noun: "female tractor drivers" (tractor driver); coordination counts
 *       both: "Male and female workers", "men and women workers" give a male and a female worker.</li>
 * </ul>
 * Not counted, because they name no depicted person: words inside quotations ("Model women of New
 * China", quoted speech); capitalised words inside a sentence, which are titles, names and honorifics
 * ("Red Detachment of Women", "The Men of No Property", "Chairman Mao", "Uncle Sam"); a capitalised first
 * word followed by another capitalised word ("Women of China"); sentence-case titles after a title
 * word ("the series Model women of New China"); hyphenated modifiers ("man-made"); pronouns.
 *
 * <p>Thread-safety: thread-safe; immutable lexicon, OpenNLP tools per thread over shared models.
 */
public final class DefaultDescriptionMiner extends OpenNlpMiner<ExcludedSpans> {
    public static final String NAME = "default";

    /** Skipped when deciding whether a capitalised first word starts a title ("Men of No Property"). */
    private static final Set<String> FUNCTION_WORDS = Set.of(
            "of", "the", "a", "an", "and", "or", "in", "on", "at", "to", "for", "with", "from", "by", "no", "not", "&");
    private static final Set<String> POSSESSIVES = Set.of("his", "her", "their", "its", "my", "our", "your", "whose");
    private static final Set<String> MODIFIER_TAGS = Set.of("ADJ", "NOUN", "PROPN", "NUM");
    private static final Set<String> RUN_TAGS = Set.of("ADJ", "NOUN", "PROPN");
    /** Words before the noun that a phrase may take in ("the three young"); more is another phrase. */
    private static final int MAX_MODIFIERS = 4;
    private static final String IN_LAW = "-in-law";

    private final GenderLexicon lexicon;

    /** A miner with the bundled lexicon. */
    public DefaultDescriptionMiner() {
        this(GenderLexicon.defaults());
    }

    public DefaultDescriptionMiner(GenderLexicon lexicon) {
        this.lexicon = lexicon;
    }

    @Override
    public String name() {
        return NAME;
    }

    public GenderLexicon lexicon() {
        return lexicon;
    }

    @Override
    boolean mayMention(CharSequence text) {
        return lexicon.mayMention(text);
    }

    @Override
    ExcludedSpans prepare(String description) {
        return ExcludedSpans.find(description, lexicon::isTitleIntroducer);
    }

    @Override
    void mineSentence(String description, SentenceSplitter.Piece piece, TaggedSentence sentence, ExcludedSpans excluded,
            List<Mention> out) {
        new Reading(piece, sentence, excluded).read(out);
    }

    /** A candidate word: the part the lexicon is asked about, and what its hyphens say. */
    private record Word(String base, String hyphenPrefix, boolean prefixIsPreviousToken, boolean inLaw,
            boolean hyphenatedModifier) {
    }

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

    /** One sentence being read; confined to the calling thread. */
    private final class Reading {
        private final SentenceSplitter.Piece piece;
        private final TaggedSentence s;
        private final ExcludedSpans excluded;
        private final boolean allCaps;
        private final boolean[] used;
        private final Word[] words;
        private final boolean[] wordRead;
        private final List<Found> found = new ArrayList<>();

        Reading(SentenceSplitter.Piece piece, TaggedSentence s, ExcludedSpans excluded) {
            this.piece = piece;
            this.s = s;
            this.excluded = excluded;
            this.allCaps = isAllCaps(s.text());
            this.used = new boolean[s.size()];
            this.words = new Word[s.size()];
            this.wordRead = new boolean[s.size()];
        }

        void read(List<Mention> out) {
            for (int i = 0; i < s.size(); i++) {
                if (used[i]) {
                    continue;
                }
                Word word = word(i);
                if (word == null) {
                    continue;
                }
                Optional<Gender> adjective = lexicon.adjective(word.base());
                if (adjective.isPresent()) {
                    if (!isExcluded(i, word)) {
                        readAdjective(i, adjective.get());
                    }
                    continue;
                }
                Optional<GenderLexicon.Noun> noun = lexicon.noun(word.base());
                if (noun.isPresent() && !isExcluded(i, word)) {
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
                Word next = word(last + 2);
                Optional<Gender> nextGender = next == null ? Optional.empty() : lexicon.adjective(next.base());
                if (nextGender.isEmpty() || isExcluded(last + 2, next)) {
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
        private void readNoun(int i, Word word, GenderLexicon.Noun noun) {
            int phraseStart = word.prefixIsPreviousToken() ? Math.min(phraseStart(i - 1), i - 1) : phraseStart(i);
            int phraseEnd = i;
            String term = null;
            boolean fromFollowing = false;
            if (word.inLaw()) {
                phraseEnd = tokenEndingAfter(i, s.end(i) + IN_LAW.length());
                term = noun.lemma() + IN_LAW;
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
        private boolean isThingModifier(int i, Word word) {
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
            for (int j = start; j < s.size() && RUN_TAGS.contains(s.upos(j)) && !isExcludedAt(j)
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
            return !allCaps && j > runStart && Character.isUpperCase(s.word(j).charAt(0))
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
                for (String form : singularForms(s.word(head))) {
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
                    modifiers = RUN_TAGS.contains(s.upos(j)) && !s.hasClitic(j) && !used[j] && !isExcludedAt(j);
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
            for (String form : singularForms(s.word(j))) {
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
                if (used[j] || s.hasClitic(j) || isExcludedAt(j) || isGenderWord(j)) {
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

        /** Why a gendered word names no depicted person, if it does not. */
        private boolean isExcluded(int i, Word word) {
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

        private boolean isExcludedAt(int i) {
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

        private boolean isGenderWord(int j) {
            Word w = word(j);
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
        private Word word(int i) {
            if (!wordRead[i]) {
                words[i] = readWord(i);
                wordRead[i] = true;
            }
            return words[i];
        }

        private Word readWord(int i) {
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
            return new Word(core, prefix, prefixIsPreviousToken, inLaw, rightHyphen && !inLaw);
        }
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
