package org.facecensus.modeltools.tfjs;

import java.util.Arrays;
import java.util.Objects;

/**
 * One dequantised weight tensor of a TF.js model, in TF.js' own layout (row-major, e.g. conv
 * filters as {@code [height, width, in, out]}).
 *
 * <p>Thread-safety: immutable once built; {@link #data()} returns the shared array, do not modify it.
 *
 * @param name  the manifest name, e.g. {@code dense0/conv0/filters}
 * @param shape the manifest shape
 * @param data  the float32 values, {@code product(shape)} of them
 */
public record TfjsTensor(String name, int[] shape, float[] data) {
    public TfjsTensor {
        Objects.requireNonNull(name, "name");
        shape = shape.clone();
        Objects.requireNonNull(data, "data");
        if (size(shape) != data.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " needs " + size(shape)
                    + " values, got " + data.length);
        }
    }

    /** The number of values a tensor of this shape holds. */
    public static long size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int i) {
        return shape[i];
    }

    @Override
    public String toString() {
        return "TfjsTensor[" + name + " " + Arrays.toString(shape) + "]";
    }
}
