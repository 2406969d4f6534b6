package org.facecensus.dataset.quality;

import org.facecensus.image.ImageOps;
import org.facecensus.image.RgbImage;

/**
 * How sharp a face is: the variance of the Laplacian (the 4-neighbour kernel {@code [0 1 0; 1 -4 1; 0 1 0]}) of
 * its grey pixels, the usual blur measure (Pech-Pacheco et al. 2000; OpenCV's {@code Laplacian(...).var()}).
 * Blur removes the fine edges the Laplacian responds to, so a blurred face scores low.
 *
 * <p>The measure depends on the picture's scale, so every face is first resized to {@value #SIDE}×{@value #SIDE}:
 * the score then means the same at any output {@code --size} and for any source resolution. A face enlarged from a
 * small source region is blurred at that scale, and scores so.
 *
 * <p>Thread-safety: stateless; all methods are thread-safe.
 */
public final class Sharpness {
    /** The side every face is resized to before measuring. */
    public static final int SIDE = 112;

    private Sharpness() {
    }

    /** The variance of the Laplacian of {@code face} at {@value #SIDE}×{@value #SIDE}, in grey levels squared. */
    public static double laplacianVariance(RgbImage face) {
        double[] g = Grey.of(ImageOps.resize(face, SIDE, SIDE));
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int y = 1; y < SIDE - 1; y++) {
            for (int x = 1; x < SIDE - 1; x++) {
                int i = y * SIDE + x;
                double lap = g[i - 1] + g[i + 1] + g[i - SIDE] + g[i + SIDE] - 4 * g[i];
                sum += lap;
                sumSq += lap * lap;
                n++;
            }
        }
        double mean = sum / n;
        return sumSq / n - mean * mean;
    }
}
