package org.facecensus.detectors.dlib.hog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.facecensus.timing.StageTimer;

/**
 * dlib's {@code object_detector<scan_fhog_pyramid<pyramid_down<6>>>::operator()}: an image pyramid
 * shrinking by 5/6 per level down to {@code min_pyramid_layer} size, fHOG on every level, each filter
 * bank slid over every level with dlib's separable float filtering, windows scoring at least the
 * bank's threshold (plus {@code adjustThreshold}) mapped back to image pixels, then greedy non-max
 * suppression with dlib's {@code test_box_overlap}, best score first.
 *
 * <p>Stages are timed as {@code pyramid} (downscaling), {@code features} (fHOG), {@code scan}
 * (filtering and thresholding) and {@code nms}.
 *
 * <p>Thread-safety: stateless apart from the immutable model; safe to share between threads, each
 * calling with its own {@link HogWorkspace}.
 */
final class HogScanner {
    private static final int PYRAMID_N = 6;

    /** One detection in the scanned image's pixels: inclusive dlib rectangle, confidence, filter. */
    record Detection(int left, int top, int right, int bottom, double confidence, int weightIndex) {
    }

    private final HogModel model;
    /** Whether the 10-tap filters use the Vector API loops once they are warm. */
    private final boolean vectorApi;
    /** Images scanned so far (by any thread). */
    private final AtomicLong scans = new AtomicLong();

    HogScanner(HogModel model, boolean vectorApi) {
        this.model = model;
        this.vectorApi = vectorApi;
    }

    /**
     * Detects in an RGB image using the workspace's arrays; {@code rgb} may be one of the workspace's
     * images (the pyramid then resizes into the other).
     */
    List<Detection> detect(byte[] rgb, int width, int height, double adjustThreshold, StageTimer timer,
                           HogWorkspace ws) {
        int cell = model.cellSize();
        int fw = model.filterWidth();
        int fh = model.filterHeight();
        int levels = levelCount(width, height);
        int detW = fw - 2 * model.padding();
        int detH = fh - 2 * model.padding();
        List<HogModel.FilterBank> banks = model.filters();
        int nb = banks.size();
        List<List<Detection>> perBank = new ArrayList<>();
        for (int d = 0; d < nb; d++) {
            perBank.add(new ArrayList<>());
        }
        int[][] area = new int[nb][];
        // the Vector API loops once compiled, the scalar ones before (the same floats either way); their warm-up
        // starts with the second image, so a one-image run does not pay for it
        boolean notFirst = scans.getAndIncrement() > 0;
        TenTapKernel kernel = vectorApi ? TenTapKernel.warmVector(notFirst).orElse(null) : null;
        SeparableFilter filter = ws.filter(fw, kernel);
        byte[] img = rgb;
        int w = width;
        int h = height;
        // Level by level: each level's 31 feature planes are scanned as soon as they exist and then dropped, so
        // only one level's planes are alive at a time (at upsample 1 a 1920-px photo's levels hold hundreds of MB
        // together). Levels and their detections come in the same order as before, so the results are the same.
        for (int l = 0; l < levels; l++) {
            if (l > 0) {
                byte[] src = img;
                int sw = w;
                int sh = h;
                int dw = (PYRAMID_N - 1) * w / PYRAMID_N;
                int dh = (PYRAMID_N - 1) * h / PYRAMID_N;
                byte[] dst = ws.imageOtherThan(src, dw * dh * 3);
                img = timer.time("pyramid", () -> DlibResize.resize(src, sw, sh, dw, dh, dst));
                w = dw;
                h = dh;
            }
            byte[] level = img;
            int lw = w;
            int lh = h;
            FHog.Features f = timer.time("features", () -> FHog.extract(level, lw, lh, cell, fh, fw, ws));
            int levelIndex = l;
            timer.time("scan", () -> scanLevel(f, levelIndex, banks, filter, ws, area, perBank, detW, detH,
                    adjustThreshold));
        }
        List<Detection> all = new ArrayList<>();
        for (List<Detection> dets : perBank) {
            dets.sort(Comparator.comparingDouble(Detection::confidence).reversed());
            all.addAll(dets);
        }
        return timer.time("nms", () -> suppress(all));
    }

    /** Slides every filter bank over one level's features and keeps the windows above threshold. */
    private void scanLevel(FHog.Features f, int l, List<HogModel.FilterBank> banks, SeparableFilter filter,
                           HogWorkspace ws, int[][] area, List<List<Detection>> perBank, int detW, int detH,
                           double adjustThreshold) {
        if (f.isEmpty()) {
            return;
        }
        int cell = model.cellSize();
        int fw = model.filterWidth();
        int fh = model.filterHeight();
        int nb = banks.size();
        boolean[] started = new boolean[nb];
        float[][][] saliency = ws.responses(nb, f.height(), f.width());
        for (int d = 0; d < nb; d++) {
            area[d] = new int[] {0, 0, -1, -1};
        }
        // plane by plane, so each plane's shifted copies serve all banks; within a bank the
        // terms still add up in dlib's order (planes ascending, terms ascending)
        for (int p = 0; p < HogModel.PLANES; p++) {
            filter.load(f.planes()[p], f.height(), f.width());
            for (int d = 0; d < nb; d++) {
                HogModel.FilterBank bank = banks.get(d);
                float[][] rows = bank.rowFilters()[p];
                float[][] cols = bank.colFilters()[p];
                for (int j = 0; j < rows.length; j++) {
                    area[d] = filter.apply(rows[j], cols[j], saliency[d], started[d]);
                    started[d] = true;
                }
            }
        }
        int nc = f.width();
        for (int d = 0; d < nb; d++) {
            if (!started[d]) {
                continue; // a bank without terms scores 0 everywhere
            }
            double thresh = banks.get(d).threshold();
            float[][] sal = saliency[d];
            int[] a = area[d];
            for (int r = a[1]; r <= a[3]; r++) {
                for (int c = a[0]; c <= a[2]; c++) {
                    float v = sal[r][c];
                    if (v >= thresh + adjustThreshold) {
                        int[] box = DlibGeometry.centeredRect(c, r, detW, detH);
                        double[] img0 = DlibGeometry.fhogToImage(box, cell, fh, fw);
                        int[] rect = DlibGeometry.round(DlibGeometry.rectUpDownN(img0, PYRAMID_N, l));
                        perBank.get(d).add(new Detection(rect[0], rect[1], rect[2], rect[3], v - thresh, d));
                    }
                }
            }
        }
    }

    /** Number of pyramid levels dlib builds for an image of this size. */
    int levelCount(int width, int height) {
        double[] rect = {0, 0, width - 1, height - 1};
        int levels = 0;
        int[] r;
        do {
            r = DlibGeometry.round(DlibGeometry.rectDownN(rect, PYRAMID_N));
            rect = new double[] {r[0], r[1], r[2], r[3]};
            ++levels;
        } while (r[2] - r[0] + 1 >= model.minPyramidLayerWidth() && r[3] - r[1] + 1 >= model.minPyramidLayerHeight()
                && levels < model.maxPyramidLevels());
        return levels;
    }

    /** Greedy non-max suppression over all filters' detections, best confidence first. */
    private List<Detection> suppress(List<Detection> all) {
        List<Detection> sorted = new ArrayList<>(all);
        if (model.filters().size() > 1) {
            sorted.sort(Comparator.comparingDouble(Detection::confidence).reversed());
        }
        List<Detection> kept = new ArrayList<>();
        for (Detection d : sorted) {
            int[] a = {d.left(), d.top(), d.right(), d.bottom()};
            boolean overlaps = false;
            for (Detection k : kept) {
                if (DlibGeometry.overlaps(new int[] {k.left(), k.top(), k.right(), k.bottom()}, a, model.iouThresh(),
                        model.percentCoveredThresh())) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(d);
            }
        }
        return kept;
    }
}
