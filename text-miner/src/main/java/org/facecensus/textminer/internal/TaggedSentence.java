package org.facecensus.textminer.internal;

import java.util.Arrays;
import java.util.Locale;

import opennlp.tools.lemmatizer.Lemmatizer;
import opennlp.tools.util.Span;

/**
 * One sentence as the OpenNLP models see it: tokens with their offsets in {@link #text()} and UD tags,
 * index-aligned, and lemmas on demand.
 *
 * <p>Lemmas are computed only for the words that need them, each from a window of
 * {@value #LEMMA_CONTEXT} tokens either side. The EWT lemmatizer (860 classes, beam search) costs
 * superlinearly in sentence length, about 0.7 ms for ten tokens against 0.04 ms for tagging them, and a
 * miner needs the lemmas of a few words per sentence. On the 2,050 nouns of the poster notes the window
 * gives the same lemma as the whole sentence every time; a single token alone differed 18 times.
 *
 * <p>The EWT models keep a possessive clitic on its token ("man’s" is one token tagged
 * {@code NOUN+PART}, lemma {@code man+'s}); the accessors here give the word's own part.
 *
 * <p>Thread-safety: not thread-safe; it lemmatises with the creating thread's lemmatizer, so use it on
 * that thread only (the miners create and drop it within one call).
 */
public final class TaggedSentence {
    /** Tokens of context either side of a word being lemmatised. */
    static final int LEMMA_CONTEXT = 2;

    private final String text;
    private final Span[] spans;
    private final String[] tokens;
    private final String[] tags;
    private final String[] lemmas;
    private final Lemmatizer lemmatizer;

    TaggedSentence(String text, Span[] spans, String[] tokens, String[] tags, Lemmatizer lemmatizer) {
        this.text = text;
        this.spans = spans;
        this.tokens = tokens;
        this.tags = tags;
        this.lemmas = new String[tokens.length];
        this.lemmatizer = lemmatizer;
    }

    public String text() {
        return text;
    }

    public int size() {
        return tokens.length;
    }

    /** The token as written, clitic included. */
    public String token(int i) {
        return tokens[i];
    }

    /** The UD tag of the word itself, without a clitic's tag. */
    public String upos(int i) {
        String tag = tags[i];
        int plus = tag.indexOf('+');
        return plus < 0 ? tag : tag.substring(0, plus);
    }

    /** True when the token carries a possessive clitic ("man’s", "workers'"). */
    public boolean hasClitic(int i) {
        return tags[i].indexOf('+') >= 0;
    }

    /** The token without a possessive clitic, as written. */
    public String word(int i) {
        String token = tokens[i];
        if (!hasClitic(i)) {
            return token;
        }
        for (String clitic : new String[] {"'s", "’s", "'S", "’S", "'", "’"}) {
            if (token.length() > clitic.length() && token.endsWith(clitic)) {
                return token.substring(0, token.length() - clitic.length());
            }
        }
        return token;
    }

    /** The model's lemma of the word itself, lower-case. */
    public String lemma(int i) {
        if (lemmas[i] == null) {
            int from = Math.max(0, i - LEMMA_CONTEXT);
            int to = Math.min(tokens.length, i + LEMMA_CONTEXT + 1);
            String[] window = lemmatizer.lemmatize(Arrays.copyOfRange(tokens, from, to), Arrays.copyOfRange(tags, from, to));
            String lemma = window[i - from];
            int plus = lemma.indexOf('+');
            lemmas[i] = (plus <= 0 ? lemma : lemma.substring(0, plus)).toLowerCase(Locale.ROOT);
        }
        return lemmas[i];
    }

    public int start(int i) {
        return spans[i].getStart();
    }

    public int end(int i) {
        return spans[i].getEnd();
    }

    /** The text from the start of token {@code from} to the end of token {@code to}, inclusive. */
    public String surface(int from, int to) {
        return text.substring(start(from), end(to));
    }
}
