package org.facecensus.textminer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.facecensus.classify.Gender;
import org.facecensus.textminer.internal.SectionFile;

/**
 * The words the {@linkplain DefaultDescriptionMiner default miner} looks for: gendered nouns (woman,
 * girl, wife, militiawoman…), gender adjectives (male, female), occupations and roles (peasant,
 * tractor driver…) and the words that introduce titles (series, entitled). The format is described at
 * the top of the bundled {@code default-lexicon.txt}; {@link #defaultText()} returns it.
 *
 * <p>Thread-safety: immutable.
 */
public final class GenderLexicon {
    static final String DEFAULT_RESOURCE = "org/facecensus/textminer/default-lexicon.txt";

    private static final String EXPECTED_GENDERED =
            "expected 'female|male LEMMA [OTHER-FORMS...] [role=TERM]', e.g. 'female militiawoman role=militia'";
    private static final String EXPECTED_ADJECTIVE = "expected 'female|male WORD [OTHER-FORMS...]', e.g. 'female female females'";

    /**
     * A gendered noun: its gender, lemma (the term when no role applies) and optional role term.
     *
     * <p>Thread-safety: immutable.
     */
    public record Noun(Gender gender, String lemma, String role) {
    }

    private record SuffixRule(String singular, String plural, Gender gender, String role) {
    }

    private final Map<String, Noun> nouns;
    private final List<SuffixRule> suffixes;
    private final Map<String, Gender> adjectives;
    private final Set<String> roles;
    private final int longestRole;
    private final Set<String> titleIntroducers;

    private GenderLexicon(Map<String, Noun> nouns, List<SuffixRule> suffixes, Map<String, Gender> adjectives,
            Set<String> roles, Set<String> titleIntroducers) {
        this.nouns = Map.copyOf(nouns);
        this.suffixes = List.copyOf(suffixes);
        this.adjectives = Map.copyOf(adjectives);
        this.roles = Set.copyOf(roles);
        this.longestRole = roles.stream().mapToInt(r -> r.split(" ").length).max().orElse(1);
        this.titleIntroducers = Set.copyOf(titleIntroducers);
    }

    /** The bundled lexicon. */
    public static GenderLexicon defaults() {
        return Defaults.INSTANCE;
    }

    /** The bundled lexicon's text, to copy and edit. */
    public static String defaultText() {
        return SectionFile.resourceText(DEFAULT_RESOURCE);
    }

    /** Reads a lexicon file; a malformed line throws a {@link org.facecensus.FaceCensusException} naming it. */
    public static GenderLexicon load(Path file) {
        return from(SectionFile.read(file));
    }

    static GenderLexicon from(SectionFile file) {
        Map<String, Noun> nouns = new HashMap<>();
        List<SuffixRule> suffixes = new ArrayList<>();
        Map<String, Gender> adjectives = new HashMap<>();
        Set<String> roles = new HashSet<>();
        Set<String> introducers = new HashSet<>();
        for (SectionFile.Line line : file.lines()) {
            switch (line.section()) {
                case "gendered" -> readNoun(file, line, nouns, suffixes);
                case "gender-adjectives" -> {
                    String[] words = SectionFile.normalise(line.text()).split(" ");
                    if (words.length < 2) {
                        throw file.error(line, EXPECTED_ADJECTIVE);
                    }
                    Gender gender = gender(file, line, words[0], EXPECTED_ADJECTIVE);
                    for (int i = 1; i < words.length; i++) {
                        adjectives.put(words[i], gender);
                    }
                }
                case "roles" -> roles.add(SectionFile.normalise(line.text()));
                case "title-introducers" -> introducers.addAll(List.of(SectionFile.normalise(line.text()).split(" ")));
                default -> throw file.error(line, "a line outside the sections [gendered], [gender-adjectives], [roles], "
                        + "[title-introducers]; add the section header above it");
            }
        }
        return new GenderLexicon(nouns, suffixes, adjectives, roles, introducers);
    }

    private static void readNoun(SectionFile file, SectionFile.Line line, Map<String, Noun> nouns, List<SuffixRule> suffixes) {
        String text = line.text();
        String role = null;
        int roleAt = text.indexOf("role=");
        if (roleAt >= 0) {
            role = SectionFile.normalise(text.substring(roleAt + "role=".length()));
            text = text.substring(0, roleAt);
            if (role.isEmpty()) {
                throw file.error(line, EXPECTED_GENDERED);
            }
        }
        String[] words = SectionFile.normalise(text).split(" ");
        if (words.length < 2) {
            throw file.error(line, EXPECTED_GENDERED);
        }
        Gender gender = gender(file, line, words[0], EXPECTED_GENDERED);
        String lemma = words[1];
        if (lemma.startsWith("*")) {
            String suffix = lemma.substring(1);
            if (suffix.isEmpty()) {
                throw file.error(line, "a suffix rule needs a suffix after '*', e.g. '*woman'");
            }
            suffixes.add(new SuffixRule(suffix, plural(suffix), gender, role));
            return;
        }
        Noun noun = new Noun(gender, lemma, role);
        nouns.put(lemma, noun);
        nouns.putIfAbsent(plural(lemma), noun);
        for (int i = 2; i < words.length; i++) {
            nouns.put(words[i], noun);
        }
    }

    private static Gender gender(SectionFile file, SectionFile.Line line, String word, String expected) {
        return switch (word) {
            case "female" -> Gender.FEMALE;
            case "male" -> Gender.MALE;
            default -> throw file.error(line, expected);
        };
    }

    /** The regular English plural; irregular ones are listed in the file. */
    static String plural(String lemma) {
        if (lemma.endsWith("man")) {
            return lemma.substring(0, lemma.length() - 3) + "men";
        }
        if (lemma.endsWith("fe")) {
            return lemma.substring(0, lemma.length() - 2) + "ves";
        }
        if (lemma.length() > 1 && lemma.endsWith("y") && "aeiou".indexOf(lemma.charAt(lemma.length() - 2)) < 0) {
            return lemma.substring(0, lemma.length() - 1) + "ies";
        }
        if (lemma.endsWith("s") || lemma.endsWith("sh") || lemma.endsWith("ch") || lemma.endsWith("x") || lemma.endsWith("z")) {
            return lemma + "es";
        }
        return lemma + "s";
    }

    /** The gendered noun {@code word} (any case, singular or plural), if it is one. */
    public Optional<Noun> noun(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        Noun noun = nouns.get(w);
        if (noun != null) {
            return Optional.of(noun);
        }
        for (SuffixRule rule : suffixes) {
            if (w.length() > rule.singular().length() && w.endsWith(rule.singular())) {
                return Optional.of(new Noun(rule.gender(), w, rule.role()));
            }
            if (w.length() > rule.plural().length() && w.endsWith(rule.plural())) {
                String singular = w.substring(0, w.length() - rule.plural().length()) + rule.singular();
                return Optional.of(new Noun(rule.gender(), singular, rule.role()));
            }
        }
        return Optional.empty();
    }

    /** The gender that the adjective {@code word} marks ("female"), or empty. */
    public Optional<Gender> adjective(String word) {
        return Optional.ofNullable(adjectives.get(word.toLowerCase(Locale.ROOT)));
    }

    /** True for a listed occupation or role, given as lower-case lemmas separated by single spaces. */
    public boolean isRole(String term) {
        return roles.contains(term);
    }

    /** The most words any role has; bounds the search for multi-word roles. */
    public int longestRole() {
        return longestRole;
    }

    public boolean isTitleIntroducer(String word) {
        return titleIntroducers.contains(word.toLowerCase(Locale.ROOT));
    }

    Set<String> titleIntroducers() {
        return titleIntroducers;
    }

    Set<String> roles() {
        return roles;
    }

    /**
     * A cheap test run before any model: false when no word of {@code text} is a gendered noun or
     * adjective of this lexicon, so the sentence cannot contain a mention. Words are runs of letters, so
     * "militia-woman" and "man’s" are seen as containing "woman" and "man".
     */
    public boolean mayMention(CharSequence text) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!Character.isLetter(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && Character.isLetter(text.charAt(i))) {
                i++;
            }
            // No gendered word is shorter than "son" or longer than a compound like "congresswomen".
            if (i - start >= 3 && i - start <= 24) {
                String word = text.subSequence(start, i).toString().toLowerCase(Locale.ROOT);
                if (adjectives.containsKey(word) || noun(word).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final class Defaults {
        static final GenderLexicon INSTANCE = from(SectionFile.resource(DEFAULT_RESOURCE));
    }
}
