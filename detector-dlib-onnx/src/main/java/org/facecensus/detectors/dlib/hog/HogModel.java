package org.facecensus.detectors.dlib.hog;

import java.util.ArrayList;
import java.util.List;

import org.facecensus.FaceCensusException;

/**
 * A parsed {@code object_detector<scan_fhog_pyramid<pyramid_down<6>>>}: the scanner settings, the
 * overlap tester used for non-max suppression, and one {@link FilterBank} per weight vector (dlib's
 * frontal face detector has five: front, left, right, front rotated left, front rotated right).
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class HogModel {
    /** HOG planes per cell: 18 contrast-sensitive, 9 insensitive, 4 texture. */
    public static final int PLANES = 31;

    private final int cellSize;
    private final int padding;
    private final int windowWidth;
    private final int windowHeight;
    private final long maxPyramidLevels;
    private final int minPyramidLayerWidth;
    private final int minPyramidLayerHeight;
    private final int filterWidth;
    private final int filterHeight;
    private final double iouThresh;
    private final double percentCoveredThresh;
    private final List<FilterBank> filters;

    /**
     * One weight vector, ready to scan: per HOG plane the full {@code filterHeight×filterWidth}
     * filter and its separable rank-1 terms (column × row vectors), as dlib's
     * {@code build_fhog_filterbank} makes them.
     *
     * <p>Thread-safety: immutable (arrays it holds are not copied; do not change them).
     *
     * @param threshold  the last weight: a window is a detection when its score ≥ threshold
     * @param full       per plane, row-major filter weights (float, as dlib keeps them)
     * @param colFilters per plane, the column vectors of the kept rank-1 terms
     * @param rowFilters per plane, the row vectors of the kept rank-1 terms
     */
    public record FilterBank(double threshold, float[][] full, float[][][] colFilters, float[][][] rowFilters) {
        /** Number of rank-1 terms over all planes. */
        public int separableTerms() {
            int n = 0;
            for (float[][] r : rowFilters) {
                n += r.length;
            }
            return n;
        }
    }

    private HogModel(DlibSerialReader in) {
        int version = in.readInt();
        if (version != 2) {
            throw in.bad("object_detector version " + version + ", expected 2");
        }
        int scannerVersion = in.readInt();
        if (scannerVersion != 1) {
            throw in.bad("scan_fhog_pyramid version " + scannerVersion + ", expected 1");
        }
        // the scanner's cached feature pyramid: always serialised empty
        long featsMax = in.readLong();
        long featsSize = in.readLong();
        if (featsSize != 0) {
            throw in.bad("a non-empty cached feature pyramid (" + featsMax + "/" + featsSize + ")");
        }
        cellSize = in.readInt();
        padding = in.readInt();
        windowWidth = in.readInt();
        windowHeight = in.readInt();
        maxPyramidLevels = in.readLong();
        minPyramidLayerWidth = in.readInt();
        minPyramidLayerHeight = in.readInt();
        in.readDouble(); // nuclear norm regularisation strength: training only
        long dims = in.readLong();
        // compute_fhog_window_size: the detection window in HOG cells, grown by the padding
        int[] r = DlibGeometry.imageToFhog(DlibGeometry.centeredRect(0, 0, windowWidth, windowHeight), cellSize, 1, 1);
        filterWidth = r[2] - r[0] + 1 + 2 * padding;
        filterHeight = r[3] - r[1] + 1 + 2 * padding;
        int size = filterWidth * filterHeight;
        if (dims != (long) size * PLANES) {
            throw in.bad("scanner dimensions " + dims + " != " + size * PLANES);
        }
        iouThresh = in.readDouble();
        percentCoveredThresh = in.readDouble();
        long count = in.readLong();
        List<FilterBank> banks = new ArrayList<>();
        for (long d = 0; d < count; d++) {
            long nr = Math.abs(in.readLong());
            long nc = Math.abs(in.readLong());
            if (nc != 1 || nr < dims + 1) {
                throw in.bad("weight vector of " + nr + "x" + nc);
            }
            double[] w = new double[(int) nr];
            for (int i = 0; i < nr; i++) {
                w[i] = in.readDouble();
            }
            banks.add(buildFilterBank(w, (int) dims));
        }
        if (!in.atEnd()) {
            throw in.bad("trailing data");
        }
        filters = List.copyOf(banks);
    }

    /** Parses dlib's serialised detector bytes (as {@link DlibDecompressor} returns them). */
    public static HogModel parse(byte[] serialized) {
        return new HogModel(new DlibSerialReader(serialized));
    }

    /** Port of {@code scan_fhog_pyramid::build_fhog_filterbank}. */
    private FilterBank buildFilterBank(double[] w, int dims) {
        int size = filterWidth * filterHeight;
        float[][] full = new float[PLANES][size];
        float[][][] cols = new float[PLANES][][];
        float[][][] rows = new float[PLANES][][];
        for (int p = 0; p < PLANES; p++) {
            double[][] f = new double[filterHeight][filterWidth];
            for (int y = 0; y < filterHeight; y++) {
                for (int x = 0; x < filterWidth; x++) {
                    f[y][x] = w[p * size + y * filterWidth + x];
                    full[p][y * filterWidth + x] = (float) f[y][x];
                }
            }
            Svd.Result svd = Svd.decompose(f);
            double max = 0;
            for (double s : svd.w()) {
                max = Math.max(max, s);
            }
            double thresh = Math.max(1e-4, max * 0.001);
            List<float[]> c = new ArrayList<>();
            List<float[]> r = new ArrayList<>();
            for (int j = 0; j < svd.w().length; j++) {
                double s = svd.w()[j];
                if (Math.abs(s) >= thresh) {
                    double root = Math.sqrt(s);
                    float[] col = new float[filterHeight];
                    for (int y = 0; y < filterHeight; y++) {
                        col[y] = (float) (svd.u()[y][j] * root);
                    }
                    float[] row = new float[filterWidth];
                    for (int x = 0; x < filterWidth; x++) {
                        row[x] = (float) (svd.v()[x][j] * root);
                    }
                    c.add(col);
                    r.add(row);
                }
            }
            cols[p] = c.toArray(new float[0][]);
            rows[p] = r.toArray(new float[0][]);
        }
        FilterBank bank = new FilterBank(w[dims], full, cols, rows);
        // dlib evaluates the full 2-D filters instead when the separable form would be slower; that
        // path is not ported (dlib's frontal face detector never takes it: 54 to 66 terms < 103)
        if (bank.separableTerms() > PLANES * Math.min(filterWidth, filterHeight) / 3.0) {
            throw new FaceCensusException("This dlib detector needs non-separable filtering ("
                    + bank.separableTerms() + " rank-1 terms), which FaceCensus does not implement; use the"
                    + " pinned model: facecensus models fetch dlib-frontal-face-detector");
        }
        return bank;
    }

    public int cellSize() {
        return cellSize;
    }

    public int padding() {
        return padding;
    }

    public int windowWidth() {
        return windowWidth;
    }

    public int windowHeight() {
        return windowHeight;
    }

    public long maxPyramidLevels() {
        return maxPyramidLevels;
    }

    public int minPyramidLayerWidth() {
        return minPyramidLayerWidth;
    }

    public int minPyramidLayerHeight() {
        return minPyramidLayerHeight;
    }

    /** Filter width in HOG cells (dlib's fhog window width). */
    public int filterWidth() {
        return filterWidth;
    }

    public int filterHeight() {
        return filterHeight;
    }

    public double iouThresh() {
        return iouThresh;
    }

    public double percentCoveredThresh() {
        return percentCoveredThresh;
    }

    public List<FilterBank> filters() {
        return filters;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("HogModel[cell " + cellSize + ", padding " + padding + ", window "
                + windowWidth + "x" + windowHeight + ", filter " + filterWidth + "x" + filterHeight
                + ", max levels " + maxPyramidLevels + ", min layer " + minPyramidLayerWidth + "x"
                + minPyramidLayerHeight + ", overlap iou " + iouThresh + " covered " + percentCoveredThresh);
        for (FilterBank f : filters) {
            s.append(", filter(threshold ").append(f.threshold()).append(", terms ").append(f.separableTerms())
                    .append(')');
        }
        return s.append(']').toString();
    }
}
