package org.facecensus.dataset.quality;

import java.nio.ByteBuffer;

import org.facecensus.image.RgbImage;

/** Luma (ITU-R BT.601 weights) of every pixel, row by row, 0..255. Thread-safety: stateless. */
final class Grey {
    private Grey() {
    }

    static double[] of(RgbImage image) {
        ByteBuffer rgb = image.pixels();
        double[] out = new double[image.width() * image.height()];
        for (int i = 0; i < out.length; i++) {
            int r = rgb.get() & 0xff;
            int g = rgb.get() & 0xff;
            int b = rgb.get() & 0xff;
            out[i] = 0.299 * r + 0.587 * g + 0.114 * b;
        }
        return out;
    }
}
