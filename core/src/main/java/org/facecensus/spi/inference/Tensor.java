package org.facecensus.spi.inference;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense float tensor in row-major order: the only currency between pre-processing,
 * an {@link InferenceSession} and post-processing, so a backend can be swapped without touching
 * either side.
 *
 * <p>Thread-safety: not thread-safe (the array is shared, not copied); do not mutate a tensor
 * handed to another thread.
 */
public final class Tensor {
    private final float[] data;
    private final long[] shape;

    public Tensor(float[] data, long... shape) {
        this.data = Objects.requireNonNull(data, "data");
        this.shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got "
                    + data.length);
        }
    }

    public float[] data() {
        return data;
    }

    public long[] shape() {
        return shape.clone();
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
