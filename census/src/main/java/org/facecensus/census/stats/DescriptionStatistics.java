package org.facecensus.census.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.facecensus.census.ItemRecord;
import org.facecensus.classify.Gender;
import org.facecensus.text.DescriptionMiner;
import org.facecensus.text.Mention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the catalogue descriptions name women and men: the {@code descriptions} part of
 * {@code stats.json} (schema in {@link CensusStatistics}). These are words about an item, not faces
 * in it: a description may name people the image does not show, and the other way round.
 *
 * <p>Thread-safety: stateless.
 */
final class DescriptionStatistics {
    private static final Logger LOG = LoggerFactory.getLogger(DescriptionStatistics.class);

    private DescriptionStatistics() {
    }

    private static final class TermTally {
        long mentions;
        long items;
    }

    private static final class DecadeTally {
        long withDescription;
        long female;
        long male;
    }

    static DescriptionFigures compute(List<ItemRecord> items, DescriptionMiner miner) {
        long withDescription = 0;
        long withMentions = 0;
        long errors = 0;
        long femaleMentions = 0;
        long maleMentions = 0;
        long femaleItems = 0;
        long maleItems = 0;
        Map<String, TermTally> femaleTerms = new TreeMap<>();
        Map<String, TermTally> maleTerms = new TreeMap<>();
        // Decade label -> tally; "undated" sorts after every "1960s"-style label.
        Map<String, DecadeTally> decades = new TreeMap<>();
        for (ItemRecord item : items) {
            if (item.metadata() == null || item.metadata().description().isBlank()) {
                continue;
            }
            withDescription++;
            Integer decade = item.metadata().date().decade();
            DecadeTally decadeTally = decades.computeIfAbsent(
                    decade == null ? ByDecade.UNDATED : decade + "s", d -> new DecadeTally());
            decadeTally.withDescription++;
            List<Mention> mentions;
            try {
                mentions = miner.mine(item.metadata().description());
            } catch (RuntimeException e) {
                // One odd description must not cost the whole census its statistics.
                errors++;
                LOG.warn("Description miner {} failed on item {}: {}", miner.name(), item.itemId(), e.toString());
                continue;
            }
            if (!mentions.isEmpty()) {
                withMentions++;
            }
            Set<String> seenTerms = new HashSet<>();
            boolean female = false;
            boolean male = false;
            for (Mention mention : mentions) {
                Map<String, TermTally> terms;
                if (mention.gender() == Gender.FEMALE) {
                    femaleMentions++;
                    decadeTally.female++;
                    female = true;
                    terms = femaleTerms;
                } else if (mention.gender() == Gender.MALE) {
                    maleMentions++;
                    decadeTally.male++;
                    male = true;
                    terms = maleTerms;
                } else {
                    continue;
                }
                TermTally tally = terms.computeIfAbsent(mention.term(), t -> new TermTally());
                tally.mentions++;
                if (seenTerms.add(mention.gender() + "/" + mention.term())) {
                    tally.items++;
                }
            }
            femaleItems += female ? 1 : 0;
            maleItems += male ? 1 : 0;
        }
        List<DescriptionFigures.Decade> byDecade = new ArrayList<>();
        decades.forEach((label, tally) -> byDecade.add(
                new DescriptionFigures.Decade(label, tally.withDescription, tally.female, tally.male)));
        return new DescriptionFigures(miner.name(), withDescription, withMentions, errors,
                new ByGender(femaleMentions, maleMentions), new ByGender(femaleItems, maleItems),
                new DescriptionFigures.TopTerms(topTerms(femaleTerms), topTerms(maleTerms)), byDecade);
    }

    private static List<DescriptionFigures.Term> topTerms(Map<String, TermTally> terms) {
        return terms.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, TermTally>>comparingLong(e -> -e.getValue().mentions)
                        .thenComparing(Map.Entry::getKey))
                .limit(CensusStatistics.TOP_TERMS)
                .map(e -> new DescriptionFigures.Term(e.getKey(), e.getValue().mentions, e.getValue().items))
                .toList();
    }
}
