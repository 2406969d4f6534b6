package org.facecensus.detectors.dlib.shape;

import java.util.Objects;

import org.facecensus.image.RgbImage;

/**
 * dlib's {@code shape_predictor::operator()(img, rect)}, ported operation for operation so that the
 * integer landmarks equal dlib's.
 *
 * <p>Per cascade level: find the similarity transform from the initial shape to the current shape
 * ({@code find_tform_between_shapes}, Umeyama's least squares), cast to {@code float}; place every
 * feature pixel at {@code tform * delta + current[anchor]} (float arithmetic, as dlib), map it from
 * box-normalised to image coordinates, round it as dlib's {@code point} does ({@code floor(v + 0.5)})
 * and read its intensity (0 outside the image); walk each tree with {@code f[idx1] - f[idx2] > thresh}
 * and add the leaf vector to the shape. Finally map the shape to the image and round.
 *
 * <p>Two deliberate deviations, both far below a pixel: dlib computes the 2×2 similarity with an
 * SVD and the box transform with a pseudo-inverse; we use their closed forms (the same values up to
 * the last bits of a double, and identical after the cast to float in nearly every case).
 *
 * <p>Thread-safety: immutable; each call works on its own small buffers, so one instance may serve
 * any number of threads.
 */
public final class ShapePredictor {
    private final ShapePredictorModel model;
    private final PixelIntensity intensity;
    private final int maxFeatures;

    public ShapePredictor(ShapePredictorModel model, PixelIntensity intensity) {
        this.model = Objects.requireNonNull(model, "model");
        this.intensity = Objects.requireNonNull(intensity, "intensity");
        int max = 0;
        for (int l = 0; l < model.levels(); l++) {
            max = Math.max(max, model.anchors(l).length);
        }
        this.maxFeatures = max;
    }

    public ShapePredictorModel model() {
        return model;
    }

    public PixelIntensity intensity() {
        return intensity;
    }

    /**
     * The landmarks in the dlib rectangle {@code [left, right] × [top, bottom]} (inclusive corners,
     * as {@code dlib::rectangle}), before rounding: x0, y0, x1, y1, ... in image pixels.
     */
    public double[] predictExact(RgbImage image, long left, long top, long right, long bottom) {
        float[] shape = cascade(image, left, top, right, bottom);
        double w = right - left;
        double h = bottom - top;
        double[] out = new double[shape.length];
        for (int i = 0; i < shape.length; i += 2) {
            out[i] = w * shape[i] + left;
            out[i + 1] = h * shape[i + 1] + top;
        }
        return out;
    }

    /**
     * The landmarks as dlib returns them: {@code dlib::point}s, i.e. {@link #predictExact} rounded
     * with {@code floor(v + 0.5)}. x0, y0, x1, y1, ...
     */
    public long[] predict(RgbImage image, long left, long top, long right, long bottom) {
        double[] exact = predictExact(image, left, top, right, bottom);
        long[] out = new long[exact.length];
        for (int i = 0; i < exact.length; i++) {
            out[i] = (long) Math.floor(exact[i] + 0.5);
        }
        return out;
    }

    private float[] cascade(RgbImage image, long left, long top, long right, long bottom) {
        if (right < left || bottom < top) {
            throw new IllegalArgumentException("empty rectangle [" + left + ", " + top + ", " + right + ", " + bottom + "]");
        }
        float[] initial = model.initialShape();
        float[] shape = initial.clone();
        float[] features = new float[maxFeatures];
        // Absolute reads on the read-only view: no copy of the image per face.
        java.nio.ByteBuffer rgb = image.pixels();
        int width = image.width();
        int height = image.height();
        // unnormalizing_tform(rect): (0,0) -> tl, (1,0) -> tr, (1,1) -> br.
        double sw = right - left;
        double sh = bottom - top;
        int dim = shape.length;
        float[] tform = new float[4];
        for (int level = 0; level < model.levels(); level++) {
            similarity(initial, shape, tform);
            int[] anchors = model.anchors(level);
            float[] deltas = model.deltas(level);
            float t00 = tform[0];
            float t01 = tform[1];
            float t10 = tform[2];
            float t11 = tform[3];
            for (int i = 0; i < anchors.length; i++) {
                float dx = deltas[2 * i];
                float dy = deltas[2 * i + 1];
                int a = anchors[i];
                // float arithmetic in dlib's order: (t00*dx + t01*dy) + anchor.
                float nx = (t00 * dx + t01 * dy) + shape[2 * a];
                float ny = (t10 * dx + t11 * dy) + shape[2 * a + 1];
                long px = (long) Math.floor(sw * nx + left + 0.5);
                long py = (long) Math.floor(sh * ny + top + 0.5);
                if (px >= 0 && py >= 0 && px < width && py < height) {
                    int o = (int) ((py * width + px) * 3);
                    features[i] = intensity.of(rgb.get(o) & 0xFF, rgb.get(o + 1) & 0xFF, rgb.get(o + 2) & 0xFF);
                } else {
                    features[i] = 0;
                }
            }
            int[][] splits = model.splitIndices(level);
            float[][] thresholds = model.splitThresholds(level);
            float[][] leaves = model.leafValues(level);
            for (int t = 0; t < splits.length; t++) {
                int[] idx = splits[t];
                float[] th = thresholds[t];
                int ns = th.length;
                int node = 0;
                while (node < ns) {
                    node = features[idx[2 * node]] - features[idx[2 * node + 1]] > th[node] ? 2 * node + 1 : 2 * node + 2;
                }
                float[] leaf = leaves[t];
                int off = (node - ns) * dim;
                for (int k = 0; k < dim; k++) {
                    shape[k] += leaf[off + k];
                }
            }
        }
        return shape;
    }

    /**
     * {@code find_similarity_transform(from, to)} restricted to its 2×2 part, cast to float, in
     * row-major order. For 2-D points Umeyama's SVD solution {@code c·R} equals the closed form
     * {@code [[p, -q], [q, p]] / sigma_from} with {@code p = cov00 + cov11}, {@code q = cov10 - cov01}
     * (also when det(cov) < 0, where dlib flips the smaller singular value to keep R a rotation).
     */
    static void similarity(float[] from, float[] to, float[] out) {
        int n = from.length / 2;
        double mfx = 0;
        double mfy = 0;
        double mtx = 0;
        double mty = 0;
        for (int i = 0; i < n; i++) {
            mfx += from[2 * i];
            mfy += from[2 * i + 1];
            mtx += to[2 * i];
            mty += to[2 * i + 1];
        }
        mfx /= n;
        mfy /= n;
        mtx /= n;
        mty /= n;
        double sigmaFrom = 0;
        double c00 = 0;
        double c01 = 0;
        double c10 = 0;
        double c11 = 0;
        for (int i = 0; i < n; i++) {
            double fx = from[2 * i] - mfx;
            double fy = from[2 * i + 1] - mfy;
            double tx = to[2 * i] - mtx;
            double ty = to[2 * i + 1] - mty;
            sigmaFrom += fx * fx + fy * fy;
            c00 += tx * fx;
            c01 += tx * fy;
            c10 += ty * fx;
            c11 += ty * fy;
        }
        sigmaFrom /= n;
        double p = (c00 + c11) / n;
        double q = (c10 - c01) / n;
        double a = sigmaFrom != 0 ? p / sigmaFrom : 1;
        double b = sigmaFrom != 0 ? q / sigmaFrom : 0;
        out[0] = (float) a;
        out[1] = (float) -b;
        out[2] = (float) b;
        out[3] = (float) a;
    }
}
