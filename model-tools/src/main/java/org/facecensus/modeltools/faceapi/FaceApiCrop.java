package org.facecensus.modeltools.faceapi;

import java.nio.ByteBuffer;

import org.facecensus.detect.FaceBox;
import org.facecensus.image.RgbImage;

/**
 * face-api.js' input pipeline for its 112×112 face nets (the landmark and age/gender nets, and at
 * 150×150 the recognition net), reproduced step by step; it lives beside the converter so that the
 * detector and classifier modules share it without depending on each other:
 * <ol>
 *   <li>{@code extractFaceTensors}: the box is clipped to the image ({@code Box.clipAtImageBorders})
 *       and every coordinate floored; that integer rectangle is sliced out of the image;</li>
 *   <li>{@code padToSquare(crop, true)}: the shorter side is padded with zeros (black) to a square,
 *       {@code round(diff / 2)} after the crop and the rest before it;</li>
 *   <li>{@code resizeBilinear(112, 112, alignCorners = false, halfPixelCenters = false)}: TF's legacy
 *       bilinear, source coordinate {@code dst * in / out}, skipped when the square is already 112;</li>
 *   <li>minus face-api's mean RGB, divided by 255, in float32.</li>
 * </ol>
 * The tensor is NCHW. {@link #toImage} maps the network's relative outputs back the way
 * {@code FaceLandmark68NetBase.postProcess} and {@code FaceLandmarks.shiftBy} do.
 *
 * <p>Thread-safety: immutable.
 *
 * @param x      left of the floored, clipped crop
 * @param y      top of the floored, clipped crop
 * @param width  crop width, {@code >= 1}
 * @param height crop height, {@code >= 1}
 */
public record FaceApiCrop(int x, int y, int width, int height) {
    /** The side of the 112×112 nets' input. */
    public static final int SIZE = FaceApiConverter.INPUT_SIZE;

    /** The crop face-api takes for {@code box} in an image of this size. */
    public static FaceApiCrop of(FaceBox box, int imageWidth, int imageHeight) {
        double right = box.x() + box.width();
        double bottom = box.y() + box.height();
        double cx = Math.max(box.x(), 0);
        double cy = Math.max(box.y(), 0);
        double w = Math.min(right - cx, imageWidth - cx);
        double h = Math.min(bottom - cy, imageHeight - cy);
        int fx = (int) Math.floor(cx);
        int fy = (int) Math.floor(cy);
        int fw = (int) Math.floor(w);
        int fh = (int) Math.floor(h);
        if (fw <= 0 || fh <= 0) {
            throw new IllegalArgumentException("face box " + box + " lies outside the " + imageWidth + "x"
                    + imageHeight + " image; pass a box that overlaps the image");
        }
        // face-api slices [y, y+h) x [x, x+w); clipping guarantees it fits except for the floor of x + w.
        fw = Math.min(fw, imageWidth - fx);
        fh = Math.min(fh, imageHeight - fy);
        return new FaceApiCrop(fx, fy, fw, fh);
    }

    /** Writes this crop's normalised 3×112×112 tensor into {@code out} at {@code offset} (NCHW). */
    public void writeTensor(RgbImage image, float[] out, int offset) {
        writeTensor(image, out, offset, SIZE);
    }

    /**
     * Writes this crop's normalised {@code 3×size×size} tensor into {@code out} at {@code offset}
     * (NCHW): {@code NetInput.toBatchTensor(size, true)}, then minus face-api's mean RGB, divided by
     * 255, as for the 112 nets ({@code FaceRecognitionNet} uses 150 and the same mean).
     */
    public void writeTensor(RgbImage image, float[] out, int offset, int size) {
        ByteBuffer px = image.pixels();
        int stride = image.width() * 3;
        int side = Math.max(width, height);
        int diff = Math.abs(width - height);
        int before = diff - (int) Math.round(diff * 0.5);
        // Offsets of the crop inside the padded square.
        int ox = width < height ? before : 0;
        int oy = height < width ? before : 0;
        int plane = size * size;
        float[] mean = FaceApiConverter.MEAN_RGB;
        double ratio = (double) side / size;
        for (int r = 0; r < size; r++) {
            double fr = side == size ? r : ratio * r;
            int r0 = Math.max(0, (int) Math.floor(fr));
            int r1 = Math.min(side - 1, (int) Math.ceil(fr));
            double rowFrac = fr - r0;
            for (int c = 0; c < size; c++) {
                double fc = side == size ? c : ratio * c;
                int c0 = Math.max(0, (int) Math.floor(fc));
                int c1 = Math.min(side - 1, (int) Math.ceil(fc));
                double colFrac = fc - c0;
                for (int ch = 0; ch < 3; ch++) {
                    double tl = sample(px, stride, r0 - oy, c0 - ox, ch);
                    double tr = sample(px, stride, r0 - oy, c1 - ox, ch);
                    double bl = sample(px, stride, r1 - oy, c0 - ox, ch);
                    double br = sample(px, stride, r1 - oy, c1 - ox, ch);
                    double top = tl + (tr - tl) * colFrac;
                    double bottom = bl + (br - bl) * colFrac;
                    float v = (float) (top + (bottom - top) * rowFrac);
                    out[offset + ch * plane + r * size + c] = (v - mean[ch]) / 255f;
                }
            }
        }
    }

    /** A pixel of the padded square in crop coordinates; zero outside the crop (the padding). */
    private double sample(ByteBuffer px, int stride, int row, int col, int ch) {
        if (row < 0 || col < 0 || row >= height || col >= width) {
            return 0;
        }
        return px.get((y + row) * stride + (x + col) * 3 + ch) & 0xff;
    }

    /**
     * Image coordinates of the network's relative output {@code (rx, ry)} (fractions of the padded
     * square): {@code FaceLandmark68NetBase.postProcess} removes the padding and divides by the crop
     * size scaled to 112, then {@code FaceLandmarks} multiplies by the crop size and shifts by the
     * detection box's own (unfloored, unclipped) corner, as face-api does.
     */
    public double[] toImage(double rx, double ry, FaceBox box) {
        double scale = (double) SIZE / Math.max(width, height);
        double sw = width * scale;
        double sh = height * scale;
        double padX = sw < sh ? Math.abs(sw - sh) / 2 : 0;
        double padY = sh < sw ? Math.abs(sw - sh) / 2 : 0;
        double relX = (rx * SIZE - padX) / sw;
        double relY = (ry * SIZE - padY) / sh;
        return new double[] {relX * width + box.x(), relY * height + box.y()};
    }
}
