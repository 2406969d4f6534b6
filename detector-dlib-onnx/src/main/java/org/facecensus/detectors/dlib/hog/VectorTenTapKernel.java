package org.facecensus.detectors.dlib.hog;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TenTapKernel} on the Vector API ({@code jdk.incubator.vector}), in the JVM's preferred vector
 * width. Each lane does, for its own column, the scalar loops' operations in their order: three chains of
 * fused multiply-adds from zero (taps 0, 3, 6, 9; 1, 4, 7; 2, 5, 8), then {@code a1 + (a2 + a3)}, then the
 * add into the response. The columns left over after the last full vector run the same operations one at
 * a time. {@code FloatVector.fma} is {@code Math.fma} per lane, so results equal the scalar loops' to the bit
 * ({@code SeparableFilterTest} checks it).
 *
 * <p>Both passes broadcast the ten taps into locals of their own rather than sharing a helper that returns
 * them: C2 in Java 17 keeps a vector in a register only while every use of it is visible in one compiled
 * method, and a vector stored in an array or returned from a method that is not inlined is boxed on the heap
 * (the same happens with {@code VectorMask.andNot}, whose {@code not()} it cannot bind statically: found while
 * trying fHOG's gradients, which were left scalar because they gained about 10 % for a large start-up cost).
 *
 * <p>Loaded by name only when the JVM has the module (see {@link TenTapKernel#vector()}).
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
final class VectorTenTapKernel implements TenTapKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    @Override
    public String name() {
        return "Vector API, " + SPECIES.length() + " float lanes";
    }

    @Override
    public void rowPass(float[] plane, int base, float[] f, float[] out, int from, int to) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector f0 = FloatVector.broadcast(SPECIES, f[0]);
        FloatVector f1 = FloatVector.broadcast(SPECIES, f[1]);
        FloatVector f2 = FloatVector.broadcast(SPECIES, f[2]);
        FloatVector f3 = FloatVector.broadcast(SPECIES, f[3]);
        FloatVector f4 = FloatVector.broadcast(SPECIES, f[4]);
        FloatVector f5 = FloatVector.broadcast(SPECIES, f[5]);
        FloatVector f6 = FloatVector.broadcast(SPECIES, f[6]);
        FloatVector f7 = FloatVector.broadcast(SPECIES, f[7]);
        FloatVector f8 = FloatVector.broadcast(SPECIES, f[8]);
        FloatVector f9 = FloatVector.broadcast(SPECIES, f[9]);
        int step = SPECIES.length();
        int c = from;
        for (int end = from + SPECIES.loopBound(to - from); c < end; c += step) {
            int p = base + c;
            FloatVector a1 = FloatVector.fromArray(SPECIES, plane, p).fma(f0, zero);
            FloatVector a2 = FloatVector.fromArray(SPECIES, plane, p + 1).fma(f1, zero);
            FloatVector a3 = FloatVector.fromArray(SPECIES, plane, p + 2).fma(f2, zero);
            a1 = FloatVector.fromArray(SPECIES, plane, p + 3).fma(f3, a1);
            a2 = FloatVector.fromArray(SPECIES, plane, p + 4).fma(f4, a2);
            a3 = FloatVector.fromArray(SPECIES, plane, p + 5).fma(f5, a3);
            a1 = FloatVector.fromArray(SPECIES, plane, p + 6).fma(f6, a1);
            a2 = FloatVector.fromArray(SPECIES, plane, p + 7).fma(f7, a2);
            a3 = FloatVector.fromArray(SPECIES, plane, p + 8).fma(f8, a3);
            a1 = FloatVector.fromArray(SPECIES, plane, p + 9).fma(f9, a1);
            a1.add(a2.add(a3)).intoArray(out, c);
        }
        for (; c < to; c++) {
            int p = base + c;
            float a1 = Math.fma(plane[p + 9], f[9], Math.fma(plane[p + 6], f[6],
                    Math.fma(plane[p + 3], f[3], Math.fma(plane[p], f[0], 0f))));
            float a2 = Math.fma(plane[p + 7], f[7], Math.fma(plane[p + 4], f[4], Math.fma(plane[p + 1], f[1], 0f)));
            float a3 = Math.fma(plane[p + 8], f[8], Math.fma(plane[p + 5], f[5], Math.fma(plane[p + 2], f[2], 0f)));
            out[c] = a1 + (a2 + a3);
        }
    }

    @Override
    public void columnPass(float[][] rows, float[] f, float[] out, int from, int to, boolean addTo) {
        float[] s0 = rows[0];
        float[] s1 = rows[1];
        float[] s2 = rows[2];
        float[] s3 = rows[3];
        float[] s4 = rows[4];
        float[] s5 = rows[5];
        float[] s6 = rows[6];
        float[] s7 = rows[7];
        float[] s8 = rows[8];
        float[] s9 = rows[9];
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector f0 = FloatVector.broadcast(SPECIES, f[0]);
        FloatVector f1 = FloatVector.broadcast(SPECIES, f[1]);
        FloatVector f2 = FloatVector.broadcast(SPECIES, f[2]);
        FloatVector f3 = FloatVector.broadcast(SPECIES, f[3]);
        FloatVector f4 = FloatVector.broadcast(SPECIES, f[4]);
        FloatVector f5 = FloatVector.broadcast(SPECIES, f[5]);
        FloatVector f6 = FloatVector.broadcast(SPECIES, f[6]);
        FloatVector f7 = FloatVector.broadcast(SPECIES, f[7]);
        FloatVector f8 = FloatVector.broadcast(SPECIES, f[8]);
        FloatVector f9 = FloatVector.broadcast(SPECIES, f[9]);
        int step = SPECIES.length();
        int c = from;
        for (int end = from + SPECIES.loopBound(to - from); c < end; c += step) {
            FloatVector a1 = FloatVector.fromArray(SPECIES, s0, c).fma(f0, zero);
            FloatVector a2 = FloatVector.fromArray(SPECIES, s1, c).fma(f1, zero);
            FloatVector a3 = FloatVector.fromArray(SPECIES, s2, c).fma(f2, zero);
            a1 = FloatVector.fromArray(SPECIES, s3, c).fma(f3, a1);
            a2 = FloatVector.fromArray(SPECIES, s4, c).fma(f4, a2);
            a3 = FloatVector.fromArray(SPECIES, s5, c).fma(f5, a3);
            a1 = FloatVector.fromArray(SPECIES, s6, c).fma(f6, a1);
            a2 = FloatVector.fromArray(SPECIES, s7, c).fma(f7, a2);
            a3 = FloatVector.fromArray(SPECIES, s8, c).fma(f8, a3);
            a1 = FloatVector.fromArray(SPECIES, s9, c).fma(f9, a1);
            FloatVector sum = a1.add(a2.add(a3));
            if (addTo) {
                sum = sum.add(FloatVector.fromArray(SPECIES, out, c));
            }
            sum.intoArray(out, c);
        }
        for (; c < to; c++) {
            float a1 = Math.fma(s9[c], f[9], Math.fma(s6[c], f[6], Math.fma(s3[c], f[3], Math.fma(s0[c], f[0], 0f))));
            float a2 = Math.fma(s7[c], f[7], Math.fma(s4[c], f[4], Math.fma(s1[c], f[1], 0f)));
            float a3 = Math.fma(s8[c], f[8], Math.fma(s5[c], f[5], Math.fma(s2[c], f[2], 0f)));
            float sum = a1 + (a2 + a3);
            out[c] = addTo ? sum + out[c] : sum;
        }
    }
}
