package org.facecensus.modeltools.onnx;

import java.util.Arrays;

/**
 * How a Conv or pooling node pads its input.
 *
 * <p>{@link #SAME_UPPER} is TensorFlow's {@code 'same'}: output size {@code ceil(in / stride)}, with
 * the odd pixel of padding at the end (bottom/right), exactly as TF pads.
 *
 * <p>Thread-safety: immutable.
 */
public final class Padding {
    /** TensorFlow {@code 'same'}. */
    public static final Padding SAME_UPPER = new Padding("SAME_UPPER", null);
    /** TensorFlow {@code 'valid'}: no padding. */
    public static final Padding VALID = new Padding("VALID", null);

    private final String autoPad;
    private final long[] pads;

    private Padding(String autoPad, long[] pads) {
        this.autoPad = autoPad;
        this.pads = pads;
    }

    /** Explicit ONNX pads: {@code [top, left, bottom, right]} for 2-D. */
    public static Padding explicit(long... pads) {
        return new Padding(null, pads.clone());
    }

    String autoPad() {
        return autoPad;
    }

    long[] pads() {
        return pads == null ? null : pads.clone();
    }

    @Override
    public String toString() {
        return autoPad != null ? autoPad : Arrays.toString(pads);
    }
}
