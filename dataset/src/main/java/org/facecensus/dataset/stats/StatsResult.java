package org.facecensus.dataset.stats;

import java.nio.file.Path;

/**
 * What {@link DatasetStats} wrote.
 *
 * <p>Thread-safety: immutable.
 *
 * @param faces     faces summarised
 * @param meanFace  the mean face PNG
 * @param stdMap    the per-pixel std map PNG (grey, scaled so that {@code maxStd} is white)
 * @param maxStd    the largest per-pixel std, in 0..255 grey levels
 * @param meanStd   the std map's mean
 * @param montage   the montage PNG
 * @param page      the HTML page holding them all
 */
public record StatsResult(int faces, Path meanFace, Path stdMap, double maxStd, double meanStd, Path montage, Path page) {
}
