package org.facecensus.textminer;

import org.facecensus.text.Mention;
import java.util.List;

import org.facecensus.textminer.internal.ExcludedSpans;
import org.facecensus.textminer.internal.SentenceSplitter;
import org.facecensus.textminer.internal.TaggedSentence;

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
        new MentionReading(lexicon, piece, sentence, excluded).read(out);
    }
}
