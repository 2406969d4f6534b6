package org.facecensus.classify.human;

import org.facecensus.image.RgbImage;

/**
 * TensorFlow's image resampling, as the Human library feeds its models (pixels as 0..1 floats, NHWC), so that
 * a converted model sees what it saw in TF.js.
 *
 * <p>Thread-safety: stateless.
 */
final class TfImage {
    private TfImage() {
    }

    /**
     * {@code tf.image.resizeBilinear(image, [h, w], false)}: TF's legacy coordinates, {@code src = dst · in/out}
     * (no half-pixel offset), the neighbour below/right clamped to the edge. Writes {@code h·w·3} values.
     */
    static void resizeBilinear(RgbImage image, int w, int h, float[] out, int offset) {
        double sy = (double) image.height() / h;
        double sx = (double) image.width() / w;
        for (int y = 0; y < h; y++) {
            sample(image, y * sy, sx, 0, w, out, offset + y * w * 3);
        }
    }

    /**
     * {@code tf.image.cropAndResize(image, [[y1, x1, y2, x2]], [0], [h, w])} with bilinear sampling: box edges
     * in 0..1 of the image, {@code src = y1·(H−1) + dst·(y2−y1)·(H−1)/(h−1)}; outside the image it is 0.
     */
    static void cropAndResize(RgbImage image, double y1, double x1, double y2, double x2, int w, int h, float[] out,
                              int offset) {
        int ih = image.height();
        int iw = image.width();
        double stepY = h > 1 ? (y2 - y1) * (ih - 1) / (h - 1) : 0;
        double stepX = w > 1 ? (x2 - x1) * (iw - 1) / (w - 1) : 0;
        for (int y = 0; y < h; y++) {
            double inY = h > 1 ? y1 * (ih - 1) + y * stepY : 0.5 * (y1 + y2) * (ih - 1);
            int row = offset + y * w * 3;
            if (inY < 0 || inY > ih - 1) {
                java.util.Arrays.fill(out, row, row + w * 3, 0f);
                continue;
            }
            for (int x = 0; x < w; x++) {
                double inX = w > 1 ? x1 * (iw - 1) + x * stepX : 0.5 * (x1 + x2) * (iw - 1);
                int o = row + x * 3;
                if (inX < 0 || inX > iw - 1) {
                    out[o] = 0;
                    out[o + 1] = 0;
                    out[o + 2] = 0;
                } else {
                    lerp(image, inY, inX, out, o);
                }
            }
        }
    }

    private static void sample(RgbImage image, double inY, double sx, int from, int w, float[] out, int row) {
        for (int x = from; x < w; x++) {
            lerp(image, inY, x * sx, out, row + x * 3);
        }
    }

    private static void lerp(RgbImage image, double inY, double inX, float[] out, int o) {
        int y0 = (int) Math.floor(inY);
        int x0 = (int) Math.floor(inX);
        int y1 = Math.min(y0 + 1, image.height() - 1);
        int x1 = Math.min(x0 + 1, image.width() - 1);
        double dy = inY - y0;
        double dx = inX - x0;
        int a = image.rgb(x0, y0);
        int b = image.rgb(x1, y0);
        int c = image.rgb(x0, y1);
        int d = image.rgb(x1, y1);
        for (int ch = 0; ch < 3; ch++) {
            int shift = 16 - 8 * ch;
            double top = (a >> shift & 0xff) + ((b >> shift & 0xff) - (a >> shift & 0xff)) * dx;
            double bottom = (c >> shift & 0xff) + ((d >> shift & 0xff) - (c >> shift & 0xff)) * dx;
            out[o + ch] = (float) ((top + (bottom - top) * dy) / 255.0);
        }
    }
}
