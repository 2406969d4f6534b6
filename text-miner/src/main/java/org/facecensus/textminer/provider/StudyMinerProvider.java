package org.facecensus.textminer.provider;

import org.facecensus.spi.DescriptionMinerProvider;
import org.facecensus.spi.ProviderContext;
import org.facecensus.text.DescriptionMiner;
import org.facecensus.textminer.StudyDescriptionMiner;

/**
 * Provides {@link StudyDescriptionMiner} as {@code study}: the study's male/female + noun rule, for
 * reproducing its counts. Lower priority than {@code default}, so it is used only when named.
 *
 * <p>Thread-safety: stateless.
 */
public final class StudyMinerProvider implements DescriptionMinerProvider {

    @Override
    public String name() {
        return StudyDescriptionMiner.NAME;
    }

    @Override
    public String description() {
        return "The study's rule: lemma male/female + following NOUN/PROPN/ADJ run (OpenNLP English UD models)";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public DescriptionMiner create(ProviderContext context) {
        return new StudyDescriptionMiner();
    }
}
