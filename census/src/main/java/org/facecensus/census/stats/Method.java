package org.facecensus.census.stats;

/**
 * How the figures were made, in words, for readers of {@code stats.json} and the report.
 *
 * <p>Thread-safety: immutable.
 *
 * @param shares     what a share is of
 * @param interval   what the intervals assume
 * @param correction the correction for classifier error, or why there is none
 * @param bootstrap  the bootstrap's settings
 */
public record Method(String shares, String interval, String correction, Bootstrap bootstrap) {

    /**
     * The bootstrap's settings.
     *
     * <p>Thread-safety: immutable.
     *
     * @param samples  replicates per interval (0: no bootstrap)
     * @param seed     the seed, so equal inputs give equal intervals
     * @param unit     what is resampled
     * @param interval how the interval is read off the replicates
     */
    public record Bootstrap(int samples, long seed, String unit, String interval) {
    }
}
