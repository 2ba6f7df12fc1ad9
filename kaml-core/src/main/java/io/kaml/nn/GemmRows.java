package io.kaml.nn;

import static io.kaml.nn.GemmTiles.LANES;
import static io.kaml.nn.GemmTiles.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The one-row micro-kernels of {@link Gemm}: C[i, j..] (+)= Σ_q A'[i, p0 + q]·B[p0 + q, j..] for q in [0, depth),
 * A'[i, p0 + q] at a[ai + q·aStep], C's row from c[ci], and B[p0 + q, j..] at b[bp + q·bStride] — B in place (bStride =
 * its columns) for products too short to pay for packing, such as a single request, or a packed panel for the
 * rows a multi-row tile leaves over. Eight vectors wide where B is read in place, four or two (the tiles' widths,
 * so that they fit a packed panel) and one masked vector.
 */
final class GemmRows {
    private GemmRows() {
    }

    /**
     * Eight vectors: a single row's products are bound by FMA latency, not throughput, so a row needs eight
     * independent accumulators to keep both FMA units busy (four of them or two give a quarter to half the rate).
     */
    static void row8(float[] a, int ai, int aStep, float[] b, int bp, int bStride, float[] c, int ci, int depth, boolean load) {
        FloatVector s0, s1, s2, s3, s4, s5, s6, s7;
        if (load) {
            s0 = FloatVector.fromArray(SPECIES, c, ci);
            s1 = FloatVector.fromArray(SPECIES, c, ci + LANES);
            s2 = FloatVector.fromArray(SPECIES, c, ci + 2 * LANES);
            s3 = FloatVector.fromArray(SPECIES, c, ci + 3 * LANES);
            s4 = FloatVector.fromArray(SPECIES, c, ci + 4 * LANES);
            s5 = FloatVector.fromArray(SPECIES, c, ci + 5 * LANES);
            s6 = FloatVector.fromArray(SPECIES, c, ci + 6 * LANES);
            s7 = FloatVector.fromArray(SPECIES, c, ci + 7 * LANES);
        } else {
            s0 = s1 = s2 = s3 = s4 = s5 = s6 = s7 = FloatVector.zero(SPECIES);
        }
        for (int q = 0; q < depth; q++, ai += aStep, bp += bStride) {
            FloatVector x = FloatVector.broadcast(SPECIES, a[ai]);
            s0 = x.fma(FloatVector.fromArray(SPECIES, b, bp), s0);
            s1 = x.fma(FloatVector.fromArray(SPECIES, b, bp + LANES), s1);
            s2 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 2 * LANES), s2);
            s3 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 3 * LANES), s3);
            s4 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 4 * LANES), s4);
            s5 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 5 * LANES), s5);
            s6 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 6 * LANES), s6);
            s7 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 7 * LANES), s7);
        }
        s0.intoArray(c, ci);
        s1.intoArray(c, ci + LANES);
        s2.intoArray(c, ci + 2 * LANES);
        s3.intoArray(c, ci + 3 * LANES);
        s4.intoArray(c, ci + 4 * LANES);
        s5.intoArray(c, ci + 5 * LANES);
        s6.intoArray(c, ci + 6 * LANES);
        s7.intoArray(c, ci + 7 * LANES);
    }

    static void row4(float[] a, int ai, int aStep, float[] b, int bp, int bStride, float[] c, int ci, int depth, boolean load) {
        FloatVector s0, s1, s2, s3;
        if (load) {
            s0 = FloatVector.fromArray(SPECIES, c, ci);
            s1 = FloatVector.fromArray(SPECIES, c, ci + LANES);
            s2 = FloatVector.fromArray(SPECIES, c, ci + 2 * LANES);
            s3 = FloatVector.fromArray(SPECIES, c, ci + 3 * LANES);
        } else {
            s0 = s1 = s2 = s3 = FloatVector.zero(SPECIES);
        }
        for (int q = 0; q < depth; q++, ai += aStep, bp += bStride) {
            FloatVector x = FloatVector.broadcast(SPECIES, a[ai]);
            s0 = x.fma(FloatVector.fromArray(SPECIES, b, bp), s0);
            s1 = x.fma(FloatVector.fromArray(SPECIES, b, bp + LANES), s1);
            s2 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 2 * LANES), s2);
            s3 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 3 * LANES), s3);
        }
        s0.intoArray(c, ci);
        s1.intoArray(c, ci + LANES);
        s2.intoArray(c, ci + 2 * LANES);
        s3.intoArray(c, ci + 3 * LANES);
    }

    static void row2(float[] a, int ai, int aStep, float[] b, int bp, int bStride, float[] c, int ci, int depth, boolean load) {
        FloatVector s0, s1;
        if (load) {
            s0 = FloatVector.fromArray(SPECIES, c, ci);
            s1 = FloatVector.fromArray(SPECIES, c, ci + LANES);
        } else {
            s0 = s1 = FloatVector.zero(SPECIES);
        }
        for (int q = 0; q < depth; q++, ai += aStep, bp += bStride) {
            FloatVector x = FloatVector.broadcast(SPECIES, a[ai]);
            s0 = x.fma(FloatVector.fromArray(SPECIES, b, bp), s0);
            s1 = x.fma(FloatVector.fromArray(SPECIES, b, bp + LANES), s1);
        }
        s0.intoArray(c, ci);
        s1.intoArray(c, ci + LANES);
    }

    /** One vector of columns from j, the lanes at or past {@code limit} masked off. */
    static void row1(float[] a, int ai, int aStep, float[] b, int bp, int bStride, float[] c, int ci, int depth, boolean load,
                     int j, int limit) {
        VectorMask<Float> mask = SPECIES.indexInRange(j, limit);
        FloatVector s0 = load ? FloatVector.fromArray(SPECIES, c, ci, mask) : FloatVector.zero(SPECIES);
        for (int q = 0; q < depth; q++, ai += aStep, bp += bStride) {
            s0 = FloatVector.broadcast(SPECIES, a[ai]).fma(FloatVector.fromArray(SPECIES, b, bp, mask), s0);
        }
        s0.intoArray(c, ci, mask);
    }
}
