package org.facecensus.census.stats;

import org.facecensus.text.DescriptionMiner;

/**
 * Settings of {@link CensusStatistics#compute}.
 *
 * @param minTagItems      a tag gets its own row only with at least this many items (default 10)
 * @param errorRates       the classifier's error rates for the Rogan–Gladen correction, or null to skip it
 * @param bootstrapSamples resamples for the corrected shares' intervals (default 2000)
 * @param seed             the bootstrap's seed, so equal inputs give equal outputs
 * @param miner            runs over item descriptions when not null
 * @param comparisons      the subsets to compare; null for the automatic ones (the two tags with the
 *                         most items with faces, the first and last decade with enough items with faces), empty for none
 *
 * <p>Thread-safety: immutable (the miner is shared, and miners are thread-safe).
 */
public record StatsOptions(int minTagItems, ClassifierErrorRates errorRates, int bootstrapSamples, long seed,
                           DescriptionMiner miner, java.util.List<SubsetPair> comparisons, boolean prominenceByGroup) {
    public StatsOptions {
        comparisons = comparisons == null ? null : java.util.List.copyOf(comparisons);
    }

    /** Options with prominence per decade and tag. */
    public StatsOptions(int minTagItems, ClassifierErrorRates errorRates, int bootstrapSamples, long seed,
                        DescriptionMiner miner, java.util.List<SubsetPair> comparisons) {
        this(minTagItems, errorRates, bootstrapSamples, seed, miner, comparisons, true);
    }

    /** Options with the automatic comparisons. */
    public StatsOptions(int minTagItems, ClassifierErrorRates errorRates, int bootstrapSamples, long seed,
                        DescriptionMiner miner) {
        this(minTagItems, errorRates, bootstrapSamples, seed, miner, null, true);
    }

    /** These options comparing the given subsets (null: the automatic ones). */
    public StatsOptions withComparisons(java.util.List<SubsetPair> pairs) {
        return new StatsOptions(minTagItems, errorRates, bootstrapSamples, seed, miner, pairs, prominenceByGroup);
    }

    public static StatsOptions defaults() {
        return new StatsOptions(10, null, 2000, 20261123L, null);
    }
}
