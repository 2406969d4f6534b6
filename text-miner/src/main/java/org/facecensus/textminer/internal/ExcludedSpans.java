package org.facecensus.textminer.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The parts of a description whose gendered words name no depicted person: quotations (titles, quoted
 * speech, slogans: "Model women of New China") and sentence-case titles after a word such as "series"
 * (the series Model women of New China).
 *
 * <p>Thread-safety: immutable.
 */
public final class ExcludedSpans {
    /** A single-quoted stretch longer than this is an apostrophe mistaken for a quote, not a quotation. */
    private static final int MAX_SINGLE_QUOTE_CHARS = 300;

    private final int[] starts;
    private final int[] ends;

    private ExcludedSpans(List<int[]> spans) {
        // Quotations can nest or overlap titles: merge them so a binary search answers contains().
        spans.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] span : spans) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && span[0] <= last[1]) {
                last[1] = Math.max(last[1], span[1]);
            } else {
                merged.add(new int[] {span[0], span[1]});
            }
        }
        starts = new int[merged.size()];
        ends = new int[merged.size()];
        for (int i = 0; i < merged.size(); i++) {
            starts[i] = merged.get(i)[0];
            ends[i] = merged.get(i)[1];
        }
    }

    /** Finds the spans of {@code text}; {@code introducer} tells words such as "series" from others. */
    public static ExcludedSpans find(String text, Predicate<String> introducer) {
        List<int[]> spans = new ArrayList<>();
        pairStraight(text, '"', spans);
        pairCurly(text, '“', '”', Integer.MAX_VALUE, spans);
        pairCurly(text, '«', '»', Integer.MAX_VALUE, spans);
        pairCurly(text, '‘', '’', MAX_SINGLE_QUOTE_CHARS, spans);
        straightSingle(text, spans);
        titlesAfterIntroducers(text, introducer, spans);
        return new ExcludedSpans(spans);
    }

    /** True when the character at {@code offset} lies inside a quotation or title. */
    public boolean contains(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        if (i >= 0) {
            return true;
        }
        int before = -i - 2; // the last span starting before offset
        return before >= 0 && offset < ends[before];
    }

    /** Straight double quotes pair up in order; an odd last one opens nothing. */
    private static void pairStraight(String text, char quote, List<int[]> spans) {
        int open = -1;
        for (int k = text.indexOf(quote); k >= 0; k = text.indexOf(quote, k + 1)) {
            if (open < 0) {
                open = k;
            } else {
                spans.add(new int[] {open, k + 1});
                open = -1;
            }
        }
    }

    /** ’ doubles as the apostrophe ("man’s"): one between two letters does not close a quotation. */
    private static void pairCurly(String text, char open, char close, int maxChars, List<int[]> spans) {
        for (int k = text.indexOf(open); k >= 0; k = text.indexOf(open, k + 1)) {
            int end = -1;
            for (int j = k + 1; j < text.length() && j - k <= maxChars; j++) {
                if (text.charAt(j) == close && !(isLetterAt(text, j - 1) && isLetterAt(text, j + 1))) {
                    end = j;
                    break;
                }
            }
            if (end < 0 && maxChars == Integer.MAX_VALUE) {
                break; // nothing after k closes it, so nothing closes a later opening either
            }
            if (end > 0) {
                spans.add(new int[] {k, end + 1});
                k = end;
            }
        }
    }

    /**
     * Straight single quotes: one at the start of a word opens ('received'), one at the end of a word
     * closes; one inside a word is an apostrophe (Tian'anmen).
     */
    private static void straightSingle(String text, List<int[]> spans) {
        for (int k = text.indexOf('\''); k >= 0; k = text.indexOf('\'', k + 1)) {
            boolean opens = (k == 0 || Character.isWhitespace(text.charAt(k - 1)) || "([{".indexOf(text.charAt(k - 1)) >= 0)
                    && k + 1 < text.length() && Character.isLetterOrDigit(text.charAt(k + 1));
            if (!opens) {
                continue;
            }
            for (int j = k + 1; j < text.length() && j - k <= MAX_SINGLE_QUOTE_CHARS; j++) {
                if (text.charAt(j) == '\'' && !Character.isWhitespace(text.charAt(j - 1)) && !isLetterAt(text, j + 1)) {
                    spans.add(new int[] {k, j + 1});
                    k = j;
                    break;
                }
            }
        }
    }

    /** "the series Model women of New China (...)": from the capital to the next . ; : ( [ ! ? or line end. */
    private static void titlesAfterIntroducers(String text, Predicate<String> introducer, List<int[]> spans) {
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
            if (!introducer.test(text.substring(start, i).toLowerCase(Locale.ROOT))) {
                continue;
            }
            int k = i;
            while (k < n && (text.charAt(k) == ' ' || text.charAt(k) == ':' || text.charAt(k) == ',')) {
                k++;
            }
            if (k >= n || !Character.isUpperCase(text.charAt(k))) {
                continue;
            }
            int end = k;
            while (end < n && ".;:([!?\n".indexOf(text.charAt(end)) < 0) {
                end++;
            }
            spans.add(new int[] {k, end});
            i = end;
        }
    }

    private static boolean isLetterAt(String text, int index) {
        return index >= 0 && index < text.length() && Character.isLetter(text.charAt(index));
    }
}
