package org.facecensus.textminer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import opennlp.tools.util.Span;

/**
 * Splits catalogue text into sentences: the OpenNLP sentence model first, then the cases it misses in
 * catalogue notes, where fields were pasted together without a space ("tractor drivers.From the
 * series") and Chinese text with its own full stops sits inside English prose.
 *
 * <p>Thread-safety: thread-safe (stateless; the model tools are per thread).
 */
public final class SentenceSplitter {

    /**
     * Longer sentences are cut at a space into pieces of at most this many characters that keep the
     * sentence's index: a mention spans a few words, and a megabyte with no full stop must not become one
     * tagger call.
     */
    static final int MAX_PIECE_CHARS = 2_000;

    /** Words that end with a full stop before a capital without being a sentence end ("Ph.D", "Mr.Li"). */
    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "st", "jr", "sr", "ph", "vs", "no", "nr", "fig", "vol", "ca", "cf",
            "prof", "gen", "col", "lt", "capt", "sgt", "rev", "ed", "eds", "pp", "op", "cit", "ibid");

    private final EnglishNlp nlp;

    public SentenceSplitter(EnglishNlp nlp) {
        this.nlp = nlp;
    }

    /**
     * A piece of one sentence: offsets into the text and the zero-based sentence index.
     *
     * <p>Thread-safety: immutable.
     */
    public record Piece(int start, int end, int sentence) {
    }

    /** The sentences of {@code text}, in order, without surrounding whitespace. */
    public List<Piece> split(String text) {
        // Hard breaks first: the model splits after the whole token "drivers.From", so it must not see one.
        List<int[]> blocks = new ArrayList<>();
        hardBreaks(text, 0, text.length(), blocks);
        List<Piece> pieces = new ArrayList<>();
        int sentence = 0;
        for (int[] block : blocks) {
            for (int[] part : modelSentences(text, block[0], block[1])) {
                cutLong(text, part[0], part[1], sentence, pieces);
                sentence++;
            }
        }
        return pieces;
    }

    /**
     * The model's sentences within one block, re-joined where it split after an initial or abbreviation
     * ("Lyndon B. | Johnson", "Nr. | 16") or before a lower-case word ("Anauê! | magazine").
     */
    private List<int[]> modelSentences(String text, int start, int end) {
        List<int[]> parts = new ArrayList<>();
        for (Span span : nlp.sentences(text.substring(start, end))) {
            int from = start + span.getStart();
            int to = start + span.getEnd();
            int[] previous = parts.isEmpty() ? null : parts.get(parts.size() - 1);
            if (previous != null && (endsWithInitialOrAbbreviation(text, previous[0], previous[1])
                    || Character.isLowerCase(text.charAt(from)))) {
                previous[1] = to;
            } else {
                parts.add(new int[] {from, to});
            }
        }
        return parts;
    }

    private static boolean endsWithInitialOrAbbreviation(String text, int start, int end) {
        if (end - start < 2 || text.charAt(end - 1) != '.') {
            return false;
        }
        int wordStart = end - 1;
        while (wordStart > start && Character.isLetter(text.charAt(wordStart - 1))) {
            wordStart--;
        }
        String word = text.substring(wordStart, end - 1);
        boolean initial = word.length() == 1 && Character.isUpperCase(word.charAt(0));
        return initial || ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
    }

    /** Splits [start, end) at glued full stops, CJK sentence ends and blank lines. */
    private static void hardBreaks(String text, int start, int end, List<int[]> out) {
        int from = start;
        for (int k = start; k < end; k++) {
            char c = text.charAt(k);
            int boundary = -1;
            if (c == '。' || c == '！' || c == '？') {
                boundary = k + 1;
            } else if ((c == '.' || c == '!' || c == '?') && k + 1 < end && k > start
                    && Character.isUpperCase(text.charAt(k + 1)) && isGlue(text, start, k)) {
                boundary = k + 1;
            } else if (c == '\n' && blankLineFollows(text, k, end)) {
                boundary = k;
            }
            if (boundary > from) {
                addTrimmed(text, from, boundary, out);
                from = boundary;
            }
        }
        addTrimmed(text, from, end, out);
    }

    /** True when the full stop at {@code dot} ends a sentence glued to the next one. */
    private static boolean isGlue(String text, int start, int dot) {
        char before = text.charAt(dot - 1);
        boolean endsWord = Character.isLowerCase(before) || Character.isDigit(before)
                || ")]\"'”’»".indexOf(before) >= 0;
        if (!endsWord) {
            return false;
        }
        int wordStart = dot;
        while (wordStart > start && Character.isLetter(text.charAt(wordStart - 1))) {
            wordStart--;
        }
        String word = text.substring(wordStart, dot).toLowerCase(Locale.ROOT);
        if (ABBREVIATIONS.contains(word)) {
            return false;
        }
        // A single letter after another full stop is an initialism ("e.g.The", "U.s.A"), not a sentence end.
        return !(word.length() == 1 && wordStart > start && text.charAt(wordStart - 1) == '.');
    }

    private static boolean blankLineFollows(String text, int newline, int end) {
        for (int k = newline + 1; k < end; k++) {
            char c = text.charAt(k);
            if (c == '\n') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return false;
    }

    private static void addTrimmed(String text, int start, int end, List<int[]> out) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            out.add(new int[] {start, end});
        }
    }

    private static void cutLong(String text, int start, int end, int sentence, List<Piece> out) {
        while (end - start > MAX_PIECE_CHARS) {
            int cut = start + MAX_PIECE_CHARS;
            int space = cut;
            while (space > start + MAX_PIECE_CHARS / 2 && !Character.isWhitespace(text.charAt(space))) {
                space--;
            }
            if (Character.isWhitespace(text.charAt(space))) {
                cut = space;
            }
            out.add(new Piece(start, cut, sentence));
            start = cut;
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
        }
        if (end > start) {
            out.add(new Piece(start, end, sentence));
        }
    }
}
