package org.facecensus.census.stats;

import java.util.List;

/**
 * How the catalogue descriptions name women and men (see {@link DescriptionStatistics}).
 *
 * <p>Thread-safety: immutable.
 *
 * @param miner                the description miner's name
 * @param itemsWithDescription items with a non-blank description
 * @param itemsWithMentions    of those, items where the miner found someone named by gender
 * @param minerErrors          descriptions the miner failed on
 * @param mentions             mentions of women and of men
 * @param itemsMentioning      descriptions mentioning women, and men
 * @param topTerms             the most frequent terms for each
 * @param byDecade             mentions per decade (labels as in {@link ByDecade}), ascending, undated last
 */
public record DescriptionFigures(String miner, long itemsWithDescription, long itemsWithMentions, long minerErrors,
                                 ByGender mentions, ByGender itemsMentioning, TopTerms topTerms,
                                 List<Decade> byDecade) {
    public DescriptionFigures {
        byDecade = List.copyOf(byDecade);
    }

    /**
     * The terms naming women, and those naming men, by mentions descending, then term.
     *
     * <p>Thread-safety: immutable.
     */
    public record TopTerms(List<Term> female, List<Term> male) {
        public TopTerms {
            female = List.copyOf(female);
            male = List.copyOf(male);
        }
    }

    /**
     * One term.
     *
     * <p>Thread-safety: immutable.
     *
     * @param term     the term, as the miner normalised it
     * @param mentions how often it was found
     * @param items    in how many descriptions
     */
    public record Term(String term, long mentions, long items) {
    }

    /**
     * One decade's descriptions.
     *
     * <p>Thread-safety: immutable.
     *
     * @param decade               "1960s" or "undated"
     * @param itemsWithDescription items of the decade with a description
     * @param female               mentions of women in them
     * @param male                 mentions of men in them
     */
    public record Decade(String decade, long itemsWithDescription, long female, long male) {
    }
}
