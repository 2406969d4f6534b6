package org.facecensus.detectors.tiling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceBox;
import org.facecensus.detectors.postprocess.Candidate;
import org.facecensus.detectors.postprocess.HardNms;
import org.facecensus.image.ImageOps;
import org.facecensus.image.RgbImage;
import org.facecensus.timing.StageTimer;

/**
 * Runs a fixed-input detector over a {@link TilePlan} pyramid and collects its raw detections in
 * image pixels, before the caller's cross-tile NMS. Level 0 (the whole image shrunk into one input)
 * is the detector's own single pass on the untouched image; each finer level is resized from the
 * next finer one ({@code resize} stage) and cut into {@code tileSize} squares, padded black past
 * the border. Detections outside a level's trusted size band, or touching an inner tile edge (the
 * face is whole in the neighbouring tile, which overlaps by more than the largest face kept), are
 * dropped.
 *
 * <p>Thread-safety: stateless.
 */
public final class TiledPass {
    private TiledPass() {
    }

    /**
     * One network pass: candidates in {@code input}'s own pixels. Times its own stages.
     *
     * <p>Thread-safety: called on the detecting thread; implementations must be as thread-safe as the
     * detector that uses them.
     */
    @FunctionalInterface
    public interface Pass {
        List<Candidate> detect(RgbImage input, StageTimer timer);
    }

    /** All kept candidates of every tile of every level, in image pixels. */
    public static List<Candidate> run(RgbImage image, TilePlan plan, Pass pass, StageTimer timer) {
        int size = plan.tileSize();
        List<Candidate> out = new ArrayList<>();
        List<TilePlan.Level> levels = plan.levels();
        // Finest first: each coarser level is shrunk from the previous one, a fraction of the pixels.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            order.add(i);
        }
        Collections.reverse(order);
        RgbImage source = image;
        for (int i : order) {
            TilePlan.Level level = levels.get(i);
            if (i == 0) {
                // The single pass as the detector does it alone (its own letterbox and resize).
                for (Candidate c : pass.detect(image, timer)) {
                    if (keep(c, level, new int[] {0, 0}, size, 1.0 / level.scale())) {
                        out.add(c);
                    }
                }
                continue;
            }
            RgbImage from = source.width() >= level.width() ? source : image;
            RgbImage scaled = timer.time("resize", () -> ImageOps.resize(from, level.width(), level.height()));
            source = scaled;
            double back = (double) image.width() / level.width();
            double backY = (double) image.height() / level.height();
            for (int[] origin : level.tileOrigins()) {
                RgbImage tile = timer.time("resize", () -> ImageOps.crop(scaled, origin[0], origin[1], size, size, 0));
                for (Candidate c : pass.detect(tile, timer)) {
                    // tile pixels -> level pixels -> image pixels
                    Candidate m = new Candidate((c.xmin() + origin[0]) * back, (c.ymin() + origin[1]) * backY,
                            (c.xmax() + origin[0]) * back, (c.ymax() + origin[1]) * backY, c.keypoints(), c.score());
                    if (keep(m, level, origin, size, back)) {
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Faces for detectors that merge tiles by hard NMS (face-api's SSD and Tiny): a one-tile plan is
     * the detector's own pass, its output untouched and in its own order; otherwise every tile's
     * candidates are merged by NMS and clipped to the image (tiles are padded, so a box may reach
     * past it). Then boxes without area or whose longer side is below {@code minFaceSize} are dropped.
     */
    public static List<DetectedFace> hardNmsFaces(RgbImage image, TilePlan plan, Pass pass, double nmsIou,
                                                  int maxResults, double minFaceSize, StageTimer timer) {
        List<Candidate> found;
        if (plan.tileCount() == 1) {
            found = pass.detect(image, timer);
        } else {
            List<Candidate> all = run(image, plan, pass, timer);
            found = timer.time("postprocess", () -> clip(HardNms.apply(all, nmsIou, maxResults), image));
        }
        List<DetectedFace> faces = new ArrayList<>(found.size());
        for (Candidate c : found) {
            double w = c.xmax() - c.xmin();
            double h = c.ymax() - c.ymin();
            if (w > 0 && h > 0 && Math.max(w, h) >= minFaceSize) {
                faces.add(new DetectedFace(new FaceBox(c.xmin(), c.ymin(), w, h, c.score())));
            }
        }
        return faces;
    }

    private static List<Candidate> clip(List<Candidate> in, RgbImage image) {
        List<Candidate> out = new ArrayList<>(in.size());
        for (Candidate c : in) {
            out.add(new Candidate(Math.max(0, c.xmin()), Math.max(0, c.ymin()), Math.min(image.width(), c.xmax()),
                    Math.min(image.height(), c.ymax()), c.keypoints(), c.score()));
        }
        return out;
    }

    /** Drops candidates outside the level's size band or touching an inner tile edge. */
    static boolean keep(Candidate c, TilePlan.Level level, int[] origin, int size, double back) {
        return keep(c, level, origin[0], origin[1], size, size, 1.0 / back);
    }

    /**
     * Whether a candidate (image pixels) from the network input {@code width × height} at {@code (x, y)} of
     * {@code level} is kept: its size, in level pixels ({@code scale} per image pixel), is within the level's
     * trusted band, and it does not touch an edge of the input that lies inside the level (the face is then
     * whole in the neighbouring input, which overlaps by more than the largest face kept).
     */
    public static boolean keep(Candidate c, TilePlan.Level level, int x, int y, int width, int height, double scale) {
        double faceNet = Math.max(c.xmax() - c.xmin(), c.ymax() - c.ymin()) * scale;
        if (faceNet < level.keepMin() || faceNet > level.keepMax()) {
            return false;
        }
        double x0 = c.xmin() * scale - x;
        double y0 = c.ymin() * scale - y;
        double x1 = c.xmax() * scale - x;
        double y1 = c.ymax() * scale - y;
        boolean innerLeft = x > 0;
        boolean innerTop = y > 0;
        boolean innerRight = x + width < level.width();
        boolean innerBottom = y + height < level.height();
        return !(innerLeft && x0 < 1 || innerTop && y0 < 1 || innerRight && x1 > width - 1
                || innerBottom && y1 > height - 1);
    }
}
