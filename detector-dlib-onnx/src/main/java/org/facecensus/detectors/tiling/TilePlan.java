package org.facecensus.detectors.tiling;

import java.util.ArrayList;
import java.util.List;

/**
 * How to cover an image of any size with a fixed-size network input so that faces across a wide
 * size range each land, whole, in at least one tile at a size the network detects well.
 *
 * <p>A network sees faces well only within a band of sizes {@code [bandMin, bandMax]} (in network
 * pixels). Level 0 shrinks the whole image into one input (large faces). Each further level
 * enlarges the image by about {@code bandMax/bandMin}, so the bands meet, until faces of
 * {@code minFace} image pixels reach {@code bandMin}. Levels larger than the input are cut into
 * tiles that overlap by more than the largest face kept at that level, so a face cut by one tile's
 * edge is whole in its neighbour; a detection touching an inner tile edge is dropped for that reason.
 *
 * <p>Thread-safety: immutable.
 */
public final class TilePlan {
    /**
     * One scale of the pyramid. {@code keepMin/keepMax}: face sizes (network pixels) trusted here.
     *
     * <p>Thread-safety: immutable (arrays it holds are not copied; do not change them).
     */
    public record Level(double scale, int width, int height, List<int[]> tileOrigins, double keepMin,
                        double keepMax) {
    }

    /**
     * One network input of a level for a detector that takes inputs of any size: its top-left corner and
     * size in level pixels (the part past the level's edge is padding).
     *
     * <p>Thread-safety: immutable.
     */
    public record Window(int x, int y, int width, int height) {
    }

    private final int tileSize;
    private final List<Level> levels;

    private TilePlan(int tileSize, List<Level> levels) {
        this.tileSize = tileSize;
        this.levels = List.copyOf(levels);
    }

    public int tileSize() {
        return tileSize;
    }

    public List<Level> levels() {
        return levels;
    }

    public int tileCount() {
        return levels.stream().mapToInt(l -> l.tileOrigins().size()).sum();
    }

    /**
     * The level cut into as few inputs as a network of any input size needs: the whole level when each side
     * fits in {@code maxSide}, else the fewest overlapping windows of at most {@code maxSide} per direction,
     * all of one size, just large enough to overlap as the plan's tiles do (by more than the largest face kept
     * at the level). Sizes are rounded up to a multiple of {@code multiple} (the network's coarsest stride).
     */
    public static List<Window> windows(Level level, int maxSide, int multiple) {
        int limit = maxSide - maxSide % multiple;
        int overlap = (int) Math.ceil(Math.min(level.keepMax() * 1.1, limit / 2.0));
        int w = windowSide(level.width(), limit, overlap, multiple);
        int h = windowSide(level.height(), limit, overlap, multiple);
        List<Window> out = new ArrayList<>();
        for (int y : positions(level.height(), h, overlap)) {
            for (int x : positions(level.width(), w, overlap)) {
                out.add(new Window(x, y, w, h));
            }
        }
        return out;
    }

    /**
     * One window side for a level side of {@code length}: the whole length if it fits in {@code limit}, else
     * the side of the fewest equal windows that cover it with {@code overlap} between neighbours. A window as
     * wide as the limit would cover the level too, but its neighbours would overlap by far more than needed:
     * a 1,311-px level in two 1,024-px windows is 2,048 columns of work, in two 704-px windows 1,408.
     */
    private static int windowSide(int length, int limit, int overlap, int multiple) {
        int whole = roundUp(length, multiple);
        if (whole <= limit) {
            return whole;
        }
        int count = (int) Math.ceil((double) (length - overlap) / (limit - overlap));
        int side = roundUp((int) Math.ceil((double) (length + (count - 1) * overlap) / count), multiple);
        return Math.min(side, limit);
    }

    private static int roundUp(int v, int multiple) {
        return (v + multiple - 1) / multiple * multiple;
    }

    /** A single letterboxed pass: the whole image shrunk (or enlarged) into one input. */
    public static TilePlan singlePass(int width, int height, int tileSize) {
        double scale = (double) tileSize / Math.max(width, height);
        return new TilePlan(tileSize, List.of(new Level(scale, size(width, scale), size(height, scale),
                List.of(new int[] {0, 0}), 0, Double.POSITIVE_INFINITY)));
    }

    /**
     * The smallest face, in image pixels, that a detector's single pass over the whole image finds
     * reliably: {@code bandMin} network pixels, scaled back by the letterbox.
     */
    public static double singlePassMinFace(int width, int height, int tileSize, double bandMin) {
        return Math.max(width, height) * bandMin / tileSize;
    }

    /**
     * The detector's own single pass, unless {@code minFace} asks for faces smaller than that pass
     * finds ({@link #singlePassMinFace}); then a {@link #pyramid} down to {@code minFace} whose level
     * 0 is exactly that single pass (the image is never enlarged less than the pass enlarges it).
     *
     * @param minFace 0 or below: none asked for, the single pass
     */
    public static TilePlan singlePassUnlessSmaller(int width, int height, int tileSize, double minFace, double bandMin,
                                                   double bandMax) {
        if (!(minFace > 0 && minFace < singlePassMinFace(width, height, tileSize, bandMin))) {
            return singlePass(width, height, tileSize);
        }
        double maxScale = Math.max(4.0, (double) tileSize / Math.max(width, height));
        return pyramid(width, height, tileSize, minFace, bandMin, bandMax, maxScale);
    }

    /**
     * @param minFace  smallest face to look for, image pixels
     * @param bandMin  smallest face the network finds reliably, network pixels
     * @param bandMax  largest face trusted at levels other than level 0, network pixels
     * @param maxScale the most an image is ever enlarged
     */
    public static TilePlan pyramid(int width, int height, int tileSize, double minFace, double bandMin,
                                   double bandMax, double maxScale) {
        if (!(bandMax > bandMin) || !(bandMin > 0)) {
            throw new IllegalArgumentException("need 0 < bandMin < bandMax: " + bandMin + ", " + bandMax);
        }
        // Consecutive bands overlap by 20 % so a face at a band edge is seen whole twice, not never.
        double step = bandMax / bandMin * 0.8;
        double coarsest = Math.min(maxScale, (double) tileSize / Math.max(width, height));
        double finest = Math.max(coarsest, Math.min(maxScale, bandMin / minFace));
        // As few levels as the step allows, spaced evenly on a log scale between the two ends.
        int steps = (int) Math.ceil(Math.log(finest / coarsest) / Math.log(step) - 1e-9);
        List<Double> scales = new ArrayList<>();
        for (int i = 0; i <= steps; i++) {
            scales.add(coarsest * Math.pow(finest / coarsest, steps == 0 ? 0 : (double) i / steps));
        }
        List<Level> levels = new ArrayList<>();
        for (int i = 0; i < scales.size(); i++) {
            double s = scales.get(i);
            int w = size(width, s);
            int h = size(height, s);
            double keepMax = i == 0 ? Double.POSITIVE_INFINITY : bandMax;
            double keepMin = i == scales.size() - 1 ? 0 : bandMin;
            int overlap = (int) Math.ceil(Math.min(bandMax * 1.1, tileSize - 1));
            List<int[]> origins = new ArrayList<>();
            for (int y : positions(h, tileSize, overlap)) {
                for (int x : positions(w, tileSize, overlap)) {
                    origins.add(new int[] {x, y});
                }
            }
            levels.add(new Level(s, w, h, origins, keepMin, keepMax));
        }
        return new TilePlan(tileSize, levels);
    }

    private static int size(int pixels, double scale) {
        return Math.max(1, (int) Math.round(pixels * scale));
    }

    private static List<Integer> positions(int length, int tile, int overlap) {
        List<Integer> out = new ArrayList<>();
        if (length <= tile) {
            out.add(0);
            return out;
        }
        int stride = tile - overlap;
        int count = (int) Math.ceil((double) (length - tile) / stride) + 1;
        for (int i = 0; i < count; i++) {
            // Spread evenly so the last tile ends exactly at the border.
            out.add((int) Math.round((double) i * (length - tile) / (count - 1)));
        }
        return out;
    }
}
