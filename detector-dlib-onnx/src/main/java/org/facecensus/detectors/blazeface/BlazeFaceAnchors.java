package org.facecensus.detectors.blazeface;

/**
 * BlazeFace's SSD anchors, as MediaPipe's SsdAnchorsCalculator makes them for the face models
 * (4 layers, strides {s, 2s, 2s, 2s}, aspect ratio 1, fixed anchor size): the last three layers
 * share one grid, giving a fine grid with 2 anchors per cell and a coarse grid with 6. Anchor
 * centres are at cell centres in [0, 1] coordinates; with fixed anchor size every anchor is 1×1,
 * so the regressed width and height are taken as they are.
 *
 * <p>The output order is the network's: fine grid first, cells row-major, anchors within a cell.
 *
 * <p>Thread-safety: immutable.
 */
final class BlazeFaceAnchors {
    private final float[] centerX;
    private final float[] centerY;

    BlazeFaceAnchors(int fineCells, int fineAnchorsPerCell, int coarseCells, int coarseAnchorsPerCell) {
        int n = fineCells * fineCells * fineAnchorsPerCell + coarseCells * coarseCells * coarseAnchorsPerCell;
        centerX = new float[n];
        centerY = new float[n];
        int i = fill(0, fineCells, fineAnchorsPerCell);
        fill(i, coarseCells, coarseAnchorsPerCell);
    }

    private int fill(int start, int cells, int perCell) {
        int i = start;
        for (int y = 0; y < cells; y++) {
            for (int x = 0; x < cells; x++) {
                for (int a = 0; a < perCell; a++) {
                    centerX[i] = (x + 0.5f) / cells;
                    centerY[i] = (y + 0.5f) / cells;
                    i++;
                }
            }
        }
        return i;
    }

    int size() {
        return centerX.length;
    }

    float centerX(int i) {
        return centerX[i];
    }

    float centerY(int i) {
        return centerY[i];
    }
}
