package org.facecensus.textminer;

import org.facecensus.text.DescriptionMiner;
import org.facecensus.text.Mention;
import java.util.ArrayList;
import java.util.List;

import org.facecensus.textminer.internal.EnglishNlp;
import org.facecensus.textminer.internal.SentenceSplitter;
import org.facecensus.textminer.internal.TaggedSentence;

/**
 * What both miners share: the cheap word test before any model, sentence splitting, and tagging only
 * the sentences that can hold a mention. Most catalogue sentences name nobody by gender, and tagging
 * and lemmatising are where the time goes.
 *
 * <p>Thread-safety: thread-safe if the subclass keeps no mutable state.
 *
 * @param <S> per-description state the subclass prepares once (e.g. where the quotations are)
 */
abstract class OpenNlpMiner<S> implements DescriptionMiner {

    @Override
    public final List<Mention> mine(String description) {
        if (description == null || description.isBlank() || !mayMention(description)) {
            return List.of();
        }
        EnglishNlp nlp = EnglishNlp.shared();
        S state = prepare(description);
        List<Mention> mentions = new ArrayList<>();
        for (SentenceSplitter.Piece piece : new SentenceSplitter(nlp).split(description)) {
            String text = description.substring(piece.start(), piece.end());
            if (mayMention(text)) {
                mineSentence(description, piece, nlp.analyse(text), state, mentions);
            }
        }
        return List.copyOf(mentions);
    }

    /** False only when {@code text} certainly holds no mention; run before any model. */
    abstract boolean mayMention(CharSequence text);

    abstract S prepare(String description);

    /** Adds the mentions of one tagged sentence, in text order. */
    abstract void mineSentence(String description, SentenceSplitter.Piece piece, TaggedSentence sentence, S state,
            List<Mention> out);
}
