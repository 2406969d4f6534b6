package org.facecensus.detectors.dlib.hog;

/**
 * dlib's integer rectangles and the mappings the HOG scanner uses, as {@code int[]{left, top, right,
 * bottom}} with inclusive right/bottom (width = right - left + 1). C++ integer division truncates
 * toward zero, as Java's does.
 *
 * <p>Thread-safety: stateless.
 */
final class DlibGeometry {
    private DlibGeometry() {
    }

    static int[] centeredRect(long x, long y, long width, long height) {
        long left = x - width / 2;
        long top = y - height / 2;
        return new int[] {(int) left, (int) top, (int) (left + width - 1), (int) (top + height - 1)};
    }

    /** {@code image_to_fhog(rect, cell, rowsPad, colsPad)}. */
    static int[] imageToFhog(int[] r, int cell, int rowsPad, int colsPad) {
        return new int[] {(r[0] - 1) / cell - 1 + (colsPad - 1) / 2, (r[1] - 1) / cell - 1 + (rowsPad - 1) / 2,
            (r[2] - 1) / cell - 1 + (colsPad - 1) / 2, (r[3] - 1) / cell - 1 + (rowsPad - 1) / 2};
    }

    /** {@code fhog_to_image(point)}: to image space, then to the centre of the cell. */
    private static long[] fhogToImage(long x, long y, int cell, int rowsPad, int colsPad) {
        long px = (x + 1 - (colsPad - 1) / 2) * cell + 1;
        long py = (y + 1 - (rowsPad - 1) / 2) * cell + 1;
        long ox = px >= 0 ? cell / 2 : -(cell / 2);
        long oy = py >= 0 ? cell / 2 : -(cell / 2);
        return new long[] {px + ox, py + oy};
    }

    /** {@code fhog_to_image(rect)} as doubles, ready for the pyramid's {@code rect_up}. */
    static double[] fhogToImage(int[] r, int cell, int rowsPad, int colsPad) {
        long[] tl = fhogToImage(r[0], r[1], cell, rowsPad, colsPad);
        long[] br = fhogToImage(r[2], r[3], cell, rowsPad, colsPad);
        return new double[] {tl[0], tl[1], br[0], br[1]};
    }

    /** drectangle to rectangle: each edge rounded half up. */
    static int[] round(double[] d) {
        return new int[] {(int) Math.floor(d[0] + 0.5), (int) Math.floor(d[1] + 0.5), (int) Math.floor(d[2] + 0.5),
            (int) Math.floor(d[3] + 0.5)};
    }

    /**
     * {@code pyramid_down<N>::rect_up(rect, levels)}: each corner p → p·N/(N−1) + 0.3, levels times;
     * a fused multiply-add, as GCC compiles it for FMA hardware (it decides half-pixel roundings).
     */
    static double[] rectUpDownN(double[] r, int n, int levels) {
        double ratio = n / (n - 1.0);
        double[] d = r.clone();
        for (int l = 0; l < levels; l++) {
            for (int i = 0; i < 4; i++) {
                d[i] = Math.fma(d[i], ratio, 0.3);
            }
        }
        return d;
    }

    /** {@code pyramid_down<N>::rect_down(rect)}: each corner p → (p − 0.3)·(N−1)/N. */
    static double[] rectDownN(double[] r, int n) {
        double ratio = (n - 1.0) / n;
        double[] d = new double[4];
        for (int i = 0; i < 4; i++) {
            d[i] = (r[i] - 0.3) * ratio;
        }
        return d;
    }

    /** {@code pyramid_down<2>::rect_up(rect)}: p → (p + (1.25, 0.75))·2. */
    static double[] rectUp2(double[] r) {
        return new double[] {(r[0] + 1.25) * 2, (r[1] + 0.75) * 2, (r[2] + 1.25) * 2, (r[3] + 0.75) * 2};
    }

    /** {@code pyramid_down<2>::rect_down(rect, levels)}: p → p/2 − (1.25, 0.75), levels times. */
    static double[] rectDown2(double[] r, int levels) {
        double[] d = r.clone();
        for (int l = 0; l < levels; l++) {
            d[0] = d[0] / 2.0 - 1.25;
            d[1] = d[1] / 2.0 - 0.75;
            d[2] = d[2] / 2.0 - 1.25;
            d[3] = d[3] / 2.0 - 0.75;
        }
        return d;
    }

    static long area(int[] r) {
        long w = r[2] - r[0] + 1;
        long h = r[3] - r[1] + 1;
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    /** dlib's {@code test_box_overlap}: IoU against the bounding box of both, or either covered. */
    static boolean overlaps(int[] a, int[] b, double iouThresh, double coveredThresh) {
        int[] inter = {Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])};
        double inner = area(inter);
        if (inner == 0) {
            return false;
        }
        int[] outer = {Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])};
        return inner / area(outer) > iouThresh || inner / area(a) > coveredThresh || inner / area(b) > coveredThresh;
    }
}
