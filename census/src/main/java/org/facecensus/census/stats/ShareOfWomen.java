package org.facecensus.census.stats;

/**
 * The observed share of women in a group: women among faces the classifier labelled female or male.
 *
 * <p>Thread-safety: immutable.
 *
 * @param women           faces labelled female
 * @param decided         faces labelled female or male
 * @param estimate        women / decided, null when nothing was decided
 * @param wilson95        the Wilson interval (faces as independent draws), null when nothing was decided
 * @param itemBootstrap95 the percentile bootstrap over items (faces of one item kept together), null
 *                        where the group is too small or one-sided for it (see {@link CensusStatistics})
 */
public record ShareOfWomen(long women, long decided, Double estimate, ShareInterval wilson95,
                           ShareInterval itemBootstrap95) {
}
