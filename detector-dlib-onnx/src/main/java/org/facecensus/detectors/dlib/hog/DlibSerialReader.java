package org.facecensus.detectors.dlib.hog;

import org.facecensus.FaceCensusException;

/**
 * Reads dlib's binary serialisation ({@code dlib/serialize.h}): integers as a control byte (bit 7:
 * negative, low 4 bits: byte count) followed by the magnitude little-endian; floating-point values as
 * an integer mantissa then an integer exponent, value = mantissa * 2^exponent.
 *
 * <p>Thread-safety: not thread-safe; one reader per stream.
 */
final class DlibSerialReader {
    private static final int IS_INF = 32000;
    private static final int IS_NINF = 32001;

    private final byte[] data;
    private int pos;

    DlibSerialReader(byte[] data) {
        this.data = data;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        return pos == data.length;
    }

    long readLong() {
        int control = next();
        boolean negative = (control & 0x80) != 0;
        int size = control & 0x0F;
        if (size == 0 || size > 8) {
            throw bad("integer of " + size + " bytes");
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (long) next() << (8 * i);
        }
        return negative ? -value : value;
    }

    int readInt() {
        long v = readLong();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw bad("integer " + v + " out of range");
        }
        return (int) v;
    }

    double readDouble() {
        if ((data[pos] & 0x70) != 0) {
            throw bad("old ASCII floating-point format");
        }
        long mantissa = readLong();
        long exponent = readLong();
        if (exponent < IS_INF) {
            return Math.scalb((double) mantissa, (int) exponent);
        }
        if (exponent == IS_INF) {
            return Double.POSITIVE_INFINITY;
        }
        if (exponent == IS_NINF) {
            return Double.NEGATIVE_INFINITY;
        }
        return Double.NaN;
    }

    private int next() {
        if (pos >= data.length) {
            throw bad("unexpected end of data");
        }
        return data[pos++] & 0xFF;
    }

    FaceCensusException bad(String what) {
        return new FaceCensusException("The dlib detector data cannot be parsed (" + what + " at byte " + pos
                + "). Fetch the model again: facecensus models fetch dlib-frontal-face-detector");
    }
}
