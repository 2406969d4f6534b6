package org.facecensus.modeltools.tfjs;

/**
 * TensorFlow weight layouts to ONNX's: convolution filters {@code [kh, kw, in, out]} (HWIO) to
 * {@code [out, in, kh, kw]} (OIHW), depthwise filters {@code [kh, kw, C, M]} to
 * {@code [C*M, 1, kh, kw]} for a Conv with {@code group = C}. Dense weights {@code [in, out]} are
 * already what ONNX Gemm takes as B.
 *
 * <p>Thread-safety: stateless.
 */
public final class TfLayouts {
    private TfLayouts() {
    }

    /** HWIO to OIHW. */
    public static float[] hwioToOihw(TfjsTensor t) {
        require(t, 4);
        int kh = t.dim(0);
        int kw = t.dim(1);
        int in = t.dim(2);
        int out = t.dim(3);
        float[] src = t.data();
        float[] dst = new float[src.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        dst[((o * in + i) * kh + y) * kw + x] = src[((y * kw + x) * in + i) * out + o];
                    }
                }
            }
        }
        return dst;
    }

    /** The ONNX dims of {@link #hwioToOihw}. */
    public static long[] oihwDims(TfjsTensor t) {
        return new long[] {t.dim(3), t.dim(2), t.dim(0), t.dim(1)};
    }

    /**
     * Depthwise {@code [kh, kw, C, M]} to {@code [C*M, 1, kh, kw]}: output channel {@code c*M + m}
     * as in TF's depthwise_conv2d.
     */
    public static float[] depthwiseToOnnx(TfjsTensor t) {
        require(t, 4);
        int kh = t.dim(0);
        int kw = t.dim(1);
        int c = t.dim(2);
        int m = t.dim(3);
        float[] src = t.data();
        float[] dst = new float[src.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int ci = 0; ci < c; ci++) {
                    for (int mi = 0; mi < m; mi++) {
                        dst[((ci * m + mi) * kh + y) * kw + x] = src[((y * kw + x) * c + ci) * m + mi];
                    }
                }
            }
        }
        return dst;
    }

    /** The ONNX dims of {@link #depthwiseToOnnx}. */
    public static long[] depthwiseDims(TfjsTensor t) {
        return new long[] {(long) t.dim(2) * t.dim(3), 1, t.dim(0), t.dim(1)};
    }

    private static void require(TfjsTensor t, int rank) {
        if (t.rank() != rank) {
            throw new IllegalArgumentException(t.name() + " must have rank " + rank);
        }
    }
}
