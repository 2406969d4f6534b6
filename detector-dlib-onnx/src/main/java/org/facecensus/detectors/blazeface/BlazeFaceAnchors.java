package org.facecensus.detectors.blazeface;

/**
 * BlazeFace's SSD anchors, as MediaPipe's SsdAnchorsCalculator makes them for the face models
 * (4 layers, strides {s, 2s, 2s, 2s}, aspect ratio 1, fixed anchor size): the last three layers
 * share one grid, giving a fine grid with 2 anchors per cell and a coarse grid with 6. Anchor
 * centres are at cell centres, here in input pixels; with fixed anchor size every anchor is 1×1,
 * so the regressed width and height are taken as they are.
 *
 * <p>The grids follow the input's size: the fixed-size models have a square input, the any-size
 * graphs ({@code BlazeFaceAnySize}) any multiple of the coarse stride in each direction.
 *
 * <p>The output order is the network's: fine grid first, cells row-major, anchors within a cell.
 *
 * <p>Thread-safety: immutable.
 */
final class BlazeFaceAnchors {
    private final float[] centerX;
    private final float[] centerY;

    /**
     * @param width input width in pixels
     * @param height input height in pixels
     * @param fineStride pixels per fine cell
     * @param finePerCell anchors per fine cell
     * @param coarsePerCell anchors per coarse cell (stride twice the fine one); 0 for none
     */
    BlazeFaceAnchors(int width, int height, int fineStride, int finePerCell, int coarsePerCell) {
        int coarseStride = 2 * fineStride;
        int n = (width / fineStride) * (height / fineStride) * finePerCell
                + (coarsePerCell == 0 ? 0 : (width / coarseStride) * (height / coarseStride) * coarsePerCell);
        centerX = new float[n];
        centerY = new float[n];
        int i = fill(0, width / fineStride, height / fineStride, fineStride, finePerCell);
        if (coarsePerCell > 0) {
            fill(i, width / coarseStride, height / coarseStride, coarseStride, coarsePerCell);
        }
    }

    private int fill(int start, int cols, int rows, int stride, int perCell) {
        int i = start;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                for (int a = 0; a < perCell; a++) {
                    centerX[i] = (x + 0.5f) * stride;
                    centerY[i] = (y + 0.5f) * stride;
                    i++;
                }
            }
        }
        return i;
    }

    int size() {
        return centerX.length;
    }

    /** Centre of anchor {@code i}, input pixels. */
    float centerX(int i) {
        return centerX[i];
    }

    float centerY(int i) {
        return centerY[i];
    }
}
