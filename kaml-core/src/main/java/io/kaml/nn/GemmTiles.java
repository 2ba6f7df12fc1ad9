package io.kaml.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernels of {@link Gemm}: each computes one tile of C over the depth range [p0, p1),
 * C[i.., j..] (+)= Σ_p A'[i.., p]·B[p, j..] with A'[i][p] = a[i·rowStride + p·depthStride], B and C
 * row-major with {@code cols} columns. A tile is 4 or 1 rows by 4 vectors or 1 (possibly masked)
 * vector, or ({@link GemmTile#SIX_BY_TWO}) 6 or 1 rows by 2 vectors or 1. The accumulators are named
 * locals, not an array, so that C2 keeps all of them in registers. With {@code load} the tile starts
 * from C's current values, otherwise from zero. Every element is a chain of FMAs over p in order,
 * whatever the tile, so all tiles give the same bits.
 */
final class GemmTiles {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();

    private GemmTiles() {
    }

    static void tile4x4(float[] a, int rowStride, int depthStride, float[] b, float[] c, int cols,
                        int i, int j, int p0, int p1, boolean load) {
        int c0 = i * cols + j;
        int c1 = c0 + cols;
        int c2 = c1 + cols;
        int c3 = c2 + cols;
        FloatVector s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23, s30, s31, s32, s33;
        if (load) {
            s00 = FloatVector.fromArray(SPECIES, c, c0);
            s01 = FloatVector.fromArray(SPECIES, c, c0 + LANES);
            s02 = FloatVector.fromArray(SPECIES, c, c0 + 2 * LANES);
            s03 = FloatVector.fromArray(SPECIES, c, c0 + 3 * LANES);
            s10 = FloatVector.fromArray(SPECIES, c, c1);
            s11 = FloatVector.fromArray(SPECIES, c, c1 + LANES);
            s12 = FloatVector.fromArray(SPECIES, c, c1 + 2 * LANES);
            s13 = FloatVector.fromArray(SPECIES, c, c1 + 3 * LANES);
            s20 = FloatVector.fromArray(SPECIES, c, c2);
            s21 = FloatVector.fromArray(SPECIES, c, c2 + LANES);
            s22 = FloatVector.fromArray(SPECIES, c, c2 + 2 * LANES);
            s23 = FloatVector.fromArray(SPECIES, c, c2 + 3 * LANES);
            s30 = FloatVector.fromArray(SPECIES, c, c3);
            s31 = FloatVector.fromArray(SPECIES, c, c3 + LANES);
            s32 = FloatVector.fromArray(SPECIES, c, c3 + 2 * LANES);
            s33 = FloatVector.fromArray(SPECIES, c, c3 + 3 * LANES);
        } else {
            FloatVector zero = FloatVector.zero(SPECIES);
            s00 = s01 = s02 = s03 = s10 = s11 = s12 = s13 = zero;
            s20 = s21 = s22 = s23 = s30 = s31 = s32 = s33 = zero;
        }
        int a0 = i * rowStride + p0 * depthStride;
        int a1 = a0 + rowStride;
        int a2 = a1 + rowStride;
        int a3 = a2 + rowStride;
        int bp = p0 * cols + j;
        for (int p = p0; p < p1; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, b, bp + 2 * LANES);
            FloatVector b3 = FloatVector.fromArray(SPECIES, b, bp + 3 * LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            s02 = x.fma(b2, s02);
            s03 = x.fma(b3, s03);
            x = FloatVector.broadcast(SPECIES, a[a1]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            s12 = x.fma(b2, s12);
            s13 = x.fma(b3, s13);
            x = FloatVector.broadcast(SPECIES, a[a2]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            s22 = x.fma(b2, s22);
            s23 = x.fma(b3, s23);
            x = FloatVector.broadcast(SPECIES, a[a3]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
            s32 = x.fma(b2, s32);
            s33 = x.fma(b3, s33);
            a0 += depthStride;
            a1 += depthStride;
            a2 += depthStride;
            a3 += depthStride;
            bp += cols;
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + LANES);
        s02.intoArray(c, c0 + 2 * LANES);
        s03.intoArray(c, c0 + 3 * LANES);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + LANES);
        s12.intoArray(c, c1 + 2 * LANES);
        s13.intoArray(c, c1 + 3 * LANES);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + LANES);
        s22.intoArray(c, c2 + 2 * LANES);
        s23.intoArray(c, c2 + 3 * LANES);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + LANES);
        s32.intoArray(c, c3 + 2 * LANES);
        s33.intoArray(c, c3 + 3 * LANES);
    }

    static void tile4x1(float[] a, int rowStride, int depthStride, float[] b, float[] c, int cols,
                        int i, int j, int p0, int p1, boolean load, int limit) {
        // The mask is made here, not by the caller: a mask passed into a call that is not inlined is boxed (an object
        // and a boolean[] per call, 100+ MB in a quick bench).
        VectorMask<Float> mask = SPECIES.indexInRange(j, limit);
        int c0 = i * cols + j;
        int c1 = c0 + cols;
        int c2 = c1 + cols;
        int c3 = c2 + cols;
        FloatVector s0, s1, s2, s3;
        if (load) {
            s0 = FloatVector.fromArray(SPECIES, c, c0, mask);
            s1 = FloatVector.fromArray(SPECIES, c, c1, mask);
            s2 = FloatVector.fromArray(SPECIES, c, c2, mask);
            s3 = FloatVector.fromArray(SPECIES, c, c3, mask);
        } else {
            s0 = s1 = s2 = s3 = FloatVector.zero(SPECIES);
        }
        int a0 = i * rowStride + p0 * depthStride;
        int a1 = a0 + rowStride;
        int a2 = a1 + rowStride;
        int a3 = a2 + rowStride;
        int bp = p0 * cols + j;
        for (int p = p0; p < p1; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp, mask);
            s0 = FloatVector.broadcast(SPECIES, a[a0]).fma(b0, s0);
            s1 = FloatVector.broadcast(SPECIES, a[a1]).fma(b0, s1);
            s2 = FloatVector.broadcast(SPECIES, a[a2]).fma(b0, s2);
            s3 = FloatVector.broadcast(SPECIES, a[a3]).fma(b0, s3);
            a0 += depthStride;
            a1 += depthStride;
            a2 += depthStride;
            a3 += depthStride;
            bp += cols;
        }
        s0.intoArray(c, c0, mask);
        s1.intoArray(c, c1, mask);
        s2.intoArray(c, c2, mask);
        s3.intoArray(c, c3, mask);
    }

    static void tile1x4(float[] a, int rowStride, int depthStride, float[] b, float[] c, int cols,
                        int i, int j, int p0, int p1, boolean load) {
        int c0 = i * cols + j;
        FloatVector s0, s1, s2, s3;
        if (load) {
            s0 = FloatVector.fromArray(SPECIES, c, c0);
            s1 = FloatVector.fromArray(SPECIES, c, c0 + LANES);
            s2 = FloatVector.fromArray(SPECIES, c, c0 + 2 * LANES);
            s3 = FloatVector.fromArray(SPECIES, c, c0 + 3 * LANES);
        } else {
            s0 = s1 = s2 = s3 = FloatVector.zero(SPECIES);
        }
        int a0 = i * rowStride + p0 * depthStride;
        int bp = p0 * cols + j;
        for (int p = p0; p < p1; p++) {
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0]);
            s0 = x.fma(FloatVector.fromArray(SPECIES, b, bp), s0);
            s1 = x.fma(FloatVector.fromArray(SPECIES, b, bp + LANES), s1);
            s2 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 2 * LANES), s2);
            s3 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 3 * LANES), s3);
            a0 += depthStride;
            bp += cols;
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + LANES);
        s2.intoArray(c, c0 + 2 * LANES);
        s3.intoArray(c, c0 + 3 * LANES);
    }

    static void tile1x1(float[] a, int rowStride, int depthStride, float[] b, float[] c, int cols,
                        int i, int j, int p0, int p1, boolean load, int limit) {
        VectorMask<Float> mask = SPECIES.indexInRange(j, limit);
        int c0 = i * cols + j;
        FloatVector s0 = load ? FloatVector.fromArray(SPECIES, c, c0, mask) : FloatVector.zero(SPECIES);
        int a0 = i * rowStride + p0 * depthStride;
        int bp = p0 * cols + j;
        for (int p = p0; p < p1; p++) {
            s0 = FloatVector.broadcast(SPECIES, a[a0]).fma(FloatVector.fromArray(SPECIES, b, bp, mask), s0);
            a0 += depthStride;
            bp += cols;
        }
        s0.intoArray(c, c0, mask);
    }

    /** 6 rows × 2 vectors: 12 accumulators, 2 vectors of B and a broadcast fit AVX2's 16 registers. */
    static void tile6x2(float[] a, int rowStride, int depthStride, float[] b, float[] c, int cols,
                        int i, int j, int p0, int p1, boolean load) {
        int c0 = i * cols + j;
        int c1 = c0 + cols;
        int c2 = c1 + cols;
        int c3 = c2 + cols;
        int c4 = c3 + cols;
        int c5 = c4 + cols;
        FloatVector s00, s01, s10, s11, s20, s21, s30, s31, s40, s41, s50, s51;
        if (load) {
            s00 = FloatVector.fromArray(SPECIES, c, c0);
            s01 = FloatVector.fromArray(SPECIES, c, c0 + LANES);
            s10 = FloatVector.fromArray(SPECIES, c, c1);
            s11 = FloatVector.fromArray(SPECIES, c, c1 + LANES);
            s20 = FloatVector.fromArray(SPECIES, c, c2);
            s21 = FloatVector.fromArray(SPECIES, c, c2 + LANES);
            s30 = FloatVector.fromArray(SPECIES, c, c3);
            s31 = FloatVector.fromArray(SPECIES, c, c3 + LANES);
            s40 = FloatVector.fromArray(SPECIES, c, c4);
            s41 = FloatVector.fromArray(SPECIES, c, c4 + LANES);
            s50 = FloatVector.fromArray(SPECIES, c, c5);
            s51 = FloatVector.fromArray(SPECIES, c, c5 + LANES);
        } else {
            FloatVector zero = FloatVector.zero(SPECIES);
            s00 = s01 = s10 = s11 = s20 = s21 = zero;
            s30 = s31 = s40 = s41 = s50 = s51 = zero;
        }
        int a0 = i * rowStride + p0 * depthStride;
        int a1 = a0 + rowStride;
        int a2 = a1 + rowStride;
        int a3 = a2 + rowStride;
        int a4 = a3 + rowStride;
        int a5 = a4 + rowStride;
        int bp = p0 * cols + j;
        for (int p = p0; p < p1; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = FloatVector.broadcast(SPECIES, a[a1]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            x = FloatVector.broadcast(SPECIES, a[a2]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            x = FloatVector.broadcast(SPECIES, a[a3]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
            x = FloatVector.broadcast(SPECIES, a[a4]);
            s40 = x.fma(b0, s40);
            s41 = x.fma(b1, s41);
            x = FloatVector.broadcast(SPECIES, a[a5]);
            s50 = x.fma(b0, s50);
            s51 = x.fma(b1, s51);
            a0 += depthStride;
            a1 += depthStride;
            a2 += depthStride;
            a3 += depthStride;
            a4 += depthStride;
            a5 += depthStride;
            bp += cols;
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + LANES);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + LANES);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + LANES);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + LANES);
        s40.intoArray(c, c4);
        s41.intoArray(c, c4 + LANES);
        s50.intoArray(c, c5);
        s51.intoArray(c, c5 + LANES);
    }

    static void tile6x1(float[] a, int rowStride, int depthStride, float[] b, float[] c, int cols,
                        int i, int j, int p0, int p1, boolean load, int limit) {
        VectorMask<Float> mask = SPECIES.indexInRange(j, limit);
        int c0 = i * cols + j;
        int c1 = c0 + cols;
        int c2 = c1 + cols;
        int c3 = c2 + cols;
        int c4 = c3 + cols;
        int c5 = c4 + cols;
        FloatVector s0, s1, s2, s3, s4, s5;
        if (load) {
            s0 = FloatVector.fromArray(SPECIES, c, c0, mask);
            s1 = FloatVector.fromArray(SPECIES, c, c1, mask);
            s2 = FloatVector.fromArray(SPECIES, c, c2, mask);
            s3 = FloatVector.fromArray(SPECIES, c, c3, mask);
            s4 = FloatVector.fromArray(SPECIES, c, c4, mask);
            s5 = FloatVector.fromArray(SPECIES, c, c5, mask);
        } else {
            s0 = s1 = s2 = s3 = s4 = s5 = FloatVector.zero(SPECIES);
        }
        int a0 = i * rowStride + p0 * depthStride;
        int a1 = a0 + rowStride;
        int a2 = a1 + rowStride;
        int a3 = a2 + rowStride;
        int a4 = a3 + rowStride;
        int a5 = a4 + rowStride;
        int bp = p0 * cols + j;
        for (int p = p0; p < p1; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp, mask);
            s0 = FloatVector.broadcast(SPECIES, a[a0]).fma(b0, s0);
            s1 = FloatVector.broadcast(SPECIES, a[a1]).fma(b0, s1);
            s2 = FloatVector.broadcast(SPECIES, a[a2]).fma(b0, s2);
            s3 = FloatVector.broadcast(SPECIES, a[a3]).fma(b0, s3);
            s4 = FloatVector.broadcast(SPECIES, a[a4]).fma(b0, s4);
            s5 = FloatVector.broadcast(SPECIES, a[a5]).fma(b0, s5);
            a0 += depthStride;
            a1 += depthStride;
            a2 += depthStride;
            a3 += depthStride;
            a4 += depthStride;
            a5 += depthStride;
            bp += cols;
        }
        s0.intoArray(c, c0, mask);
        s1.intoArray(c, c1, mask);
        s2.intoArray(c, c2, mask);
        s3.intoArray(c, c3, mask);
        s4.intoArray(c, c4, mask);
        s5.intoArray(c, c5, mask);
    }

    static void tile1x2(float[] a, int rowStride, int depthStride, float[] b, float[] c, int cols,
                        int i, int j, int p0, int p1, boolean load) {
        int c0 = i * cols + j;
        FloatVector s0, s1;
        if (load) {
            s0 = FloatVector.fromArray(SPECIES, c, c0);
            s1 = FloatVector.fromArray(SPECIES, c, c0 + LANES);
        } else {
            s0 = s1 = FloatVector.zero(SPECIES);
        }
        int a0 = i * rowStride + p0 * depthStride;
        int bp = p0 * cols + j;
        for (int p = p0; p < p1; p++) {
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0]);
            s0 = x.fma(FloatVector.fromArray(SPECIES, b, bp), s0);
            s1 = x.fma(FloatVector.fromArray(SPECIES, b, bp + LANES), s1);
            a0 += depthStride;
            bp += cols;
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + LANES);
    }
}
