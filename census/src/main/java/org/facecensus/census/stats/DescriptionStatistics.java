package org.facecensus.census.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

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

    static ObjectNode compute(List<ItemRecord> items, DescriptionMiner miner) {
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
                    decade == null ? CensusStatistics.UNDATED : decade + "s", d -> new DecadeTally());
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
        ObjectNode node = NODES.objectNode();
        node.put("miner", miner.name());
        node.put("itemsWithDescription", withDescription);
        node.put("itemsWithMentions", withMentions);
        node.put("minerErrors", errors);
        node.putObject("mentions").put("female", femaleMentions).put("male", maleMentions);
        node.putObject("itemsMentioning").put("female", femaleItems).put("male", maleItems);
        ObjectNode top = node.putObject("topTerms");
        top.set("female", topTerms(femaleTerms));
        top.set("male", topTerms(maleTerms));
        ArrayNode byDecade = node.putArray("byDecade");
        decades.forEach((label, tally) -> byDecade.addObject()
                .put("decade", label)
                .put("itemsWithDescription", tally.withDescription)
                .put("female", tally.female)
                .put("male", tally.male));
        return node;
    }

    private static ArrayNode topTerms(Map<String, TermTally> terms) {
        ArrayNode list = NODES.arrayNode();
        terms.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, TermTally>>comparingLong(e -> -e.getValue().mentions)
                        .thenComparing(Map.Entry::getKey))
                .limit(CensusStatistics.TOP_TERMS)
                .forEach(e -> list.addObject()
                        .put("term", e.getKey())
                        .put("mentions", e.getValue().mentions)
                        .put("items", e.getValue().items));
        return list;
    }
}
