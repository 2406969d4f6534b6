package org.facecensus.detectors.dlib.shape;

import java.nio.ByteBuffer;

import org.facecensus.FaceCensusException;

/**
 * Reads the primitives of dlib's portable serialisation format ({@code dlib/serialize.h},
 * {@code dlib/float_details.h}) from a byte buffer.
 *
 * <ul>
 *   <li>Integers: a control byte (low nibble: number of payload bytes, 1-8; bit 7: negative, for
 *       signed types) followed by the magnitude, little-endian.</li>
 *   <li>Floating point: a signed 64-bit mantissa and a signed 16-bit exponent, each as an integer
 *       above; the value is {@code mantissa * 2^exponent}, with exponents 32000/32001/32002 meaning
 *       +inf/-inf/NaN. dlib converts back with {@code ldexp((float) mantissa, exponent)}, which we
 *       copy so that floats come back bit for bit.</li>
 * </ul>
 *
 * <p>Thread-safety: not thread-safe (it holds a read position); use one per parse.
 */
final class DlibDeserializer {
    private static final int IS_INF = 32000;
    private static final int IS_NINF = 32001;
    private static final int IS_NAN = 32002;

    private final ByteBuffer in;
    private final String source;

    DlibDeserializer(ByteBuffer in, String source) {
        this.in = in;
        this.source = source;
    }

    int position() {
        return in.position();
    }

    boolean hasRemaining() {
        return in.hasRemaining();
    }

    /** A signed integer of at most {@code maxBytes} bytes (dlib's {@code unpack_int} for signed T). */
    long readSigned(int maxBytes) {
        int start = in.position();
        int control = nextByte();
        boolean negative = (control & 0x80) != 0;
        int size = control & 0x0F;
        if (size == 0 || size > maxBytes) {
            throw corrupt("bad integer control byte 0x" + Integer.toHexString(control), start);
        }
        long v = readMagnitude(size, start);
        return negative ? -v : v;
    }

    /** An unsigned integer of at most {@code maxBytes} bytes (dlib's {@code unpack_int} for unsigned T). */
    long readUnsigned(int maxBytes) {
        int start = in.position();
        int control = nextByte();
        // dlib masks out the 3 reserved bits; a set sign bit makes the size invalid, as in dlib.
        int size = control & 0x8F;
        if (size == 0 || size > maxBytes) {
            throw corrupt("bad unsigned integer control byte 0x" + Integer.toHexString(control), start);
        }
        return readMagnitude(size, start);
    }

    private long readMagnitude(int size, int start) {
        if (in.remaining() < size) {
            throw corrupt("the file ends inside an integer", start);
        }
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= (long) (in.get() & 0xFF) << (8 * i);
        }
        return v;
    }

    /** An {@code int} as dlib writes it (signed, at most 4 bytes). */
    int readInt() {
        return (int) readSigned(4);
    }

    /** A {@code long} (signed, 8 bytes on LP64, as the model was written). */
    long readLong() {
        return readSigned(8);
    }

    /** An {@code unsigned long} (8 bytes on LP64). */
    long readUnsignedLong() {
        return readUnsigned(8);
    }

    /** A size or index that must fit a Java array index. */
    int readIndex(String what) {
        int start = in.position();
        long v = readUnsignedLong();
        if (v > Integer.MAX_VALUE - 8) {
            throw corrupt(what + " " + v + " is too large", start);
        }
        return (int) v;
    }

    /** A {@code float}, decoded exactly as dlib's {@code float_details} conversion to float. */
    float readFloat() {
        int start = in.position();
        if (!in.hasRemaining()) {
            throw corrupt("the file ends inside a float", start);
        }
        if ((in.get(in.position()) & 0x70) != 0) {
            // dlib's pre-2013 ASCII float format; shape predictor files from dlib.net never use it.
            throw corrupt("the model uses dlib's old text float encoding, which is not supported;"
                    + " re-save it with a current dlib", start);
        }
        long mantissa = readSigned(8);
        int exponent = (int) readSigned(2);
        if (exponent < IS_INF) {
            return Math.scalb((float) mantissa, exponent);
        }
        if (exponent == IS_INF) {
            return Float.POSITIVE_INFINITY;
        }
        if (exponent == IS_NINF) {
            return Float.NEGATIVE_INFINITY;
        }
        if (exponent == IS_NAN) {
            return Float.NaN;
        }
        throw corrupt("bad float exponent " + exponent, start);
    }

    /**
     * A column vector {@code matrix<float,0,1>}: rows and columns (negated in dlib's newer format),
     * then the elements row by row.
     */
    float[] readFloatColumn() {
        int start = in.position();
        long nr = Math.abs(readLong());
        long nc = Math.abs(readLong());
        if (nc != 1 || nr > Integer.MAX_VALUE - 8) {
            throw corrupt("expected a column vector, got a " + nr + "x" + nc + " matrix", start);
        }
        float[] out = new float[(int) nr];
        for (int i = 0; i < out.length; i++) {
            out[i] = readFloat();
        }
        return out;
    }

    FaceCensusException corrupt(String what, int offset) {
        return new FaceCensusException("Cannot parse the dlib model " + source + " at byte " + offset + ": " + what
                + ". The file is not a dlib shape_predictor or is damaged; delete it and fetch it again with:"
                + " facecensus models fetch");
    }

    private int nextByte() {
        if (!in.hasRemaining()) {
            throw corrupt("unexpected end of file", in.position());
        }
        return in.get() & 0xFF;
    }
}
