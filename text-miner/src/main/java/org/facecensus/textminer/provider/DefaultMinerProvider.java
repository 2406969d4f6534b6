package org.facecensus.textminer.provider;

import java.nio.file.Path;

import org.facecensus.spi.DescriptionMinerProvider;
import org.facecensus.spi.ProviderContext;
import org.facecensus.textminer.DefaultDescriptionMiner;
import org.facecensus.text.DescriptionMiner;
import org.facecensus.textminer.GenderLexicon;

/**
 * Provides {@link DefaultDescriptionMiner} as {@code default}, with the bundled lexicon or the file named
 * by the system property {@value #LEXICON_PROPERTY}.
 *
 * <p>Thread-safety: stateless.
 */
public final class DefaultMinerProvider implements DescriptionMinerProvider {
    /** System property naming a lexicon file to use instead of the bundled one. */
    public static final String LEXICON_PROPERTY = "facecensus.text.lexicon";

    @Override
    public String name() {
        return DefaultDescriptionMiner.NAME;
    }

    @Override
    public String description() {
        return "Gendered nouns with their roles and modifiers; quoted and capitalised titles skipped "
                + "(OpenNLP English UD models, editable lexicon)";
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public DescriptionMiner create(ProviderContext context) {
        String file = System.getProperty(LEXICON_PROPERTY);
        GenderLexicon lexicon = file == null || file.isBlank() ? GenderLexicon.defaults() : GenderLexicon.load(Path.of(file));
        return new DefaultDescriptionMiner(lexicon);
    }
}
