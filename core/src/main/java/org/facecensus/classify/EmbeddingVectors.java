package org.facecensus.classify;

/**
 * The vector arithmetic of comparing faces by their {@link FaceEmbedder} vectors: unit length, dot product and
 * cosine, written once so that de-duplication, sample checks and tests agree on every value.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class EmbeddingVectors {
    private EmbeddingVectors() {
    }

    /** {@code v} scaled to unit length (a zero vector stays zero); a new array. */
    public static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float inv = n > 0 ? (float) (1 / Math.sqrt(n)) : 0f;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }

    /** The dot product; for two {@link #unit} vectors, their cosine. */
    public static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of different lengths: " + a.length + " and " + b.length);
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The cosine between two vectors of any length (0 when either is zero). */
    public static double cosine(float[] a, float[] b) {
        return dot(unit(a), unit(b));
    }
}
