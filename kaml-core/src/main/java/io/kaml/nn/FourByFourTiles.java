package io.kaml.nn;

import static io.kaml.nn.GemmTiles.LANES;
import static io.kaml.nn.GemmTiles.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * The 4×4 tile of {@link Gemm}, A read along its rows or (…Transposed) down its columns, as {@link GemmTiles}
 * describes them.
 * 16 accumulators, 4 vectors of B and a broadcast: 21 of AVX-512's 32 registers.
 */
final class FourByFourTiles {
    private FourByFourTiles() {
    }

    static void tile4x4(float[] a, int ai, int lda, float[] b, int bp, float[] c, int ci, int cols, int depth,
                        boolean load) {
        int c1 = ci + cols;
        int c2 = c1 + cols;
        int c3 = c2 + cols;
        int a1 = ai + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        FloatVector s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23, s30, s31, s32, s33;
        if (load) {
            s00 = FloatVector.fromArray(SPECIES, c, ci);
            s01 = FloatVector.fromArray(SPECIES, c, ci + LANES);
            s02 = FloatVector.fromArray(SPECIES, c, ci + 2 * LANES);
            s03 = FloatVector.fromArray(SPECIES, c, ci + 3 * LANES);
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
            s00 = s01 = s02 = s03 = s10 = s11 = zero;
            s12 = s13 = s20 = s21 = s22 = s23 = zero;
            s30 = s31 = s32 = s33 = zero;
        }
        for (int q = 0; q < depth; q++) {
            int bq = bp + q * (4 * LANES);
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bq);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bq + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, b, bq + 2 * LANES);
            FloatVector b3 = FloatVector.fromArray(SPECIES, b, bq + 3 * LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[ai + q]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            s02 = x.fma(b2, s02);
            s03 = x.fma(b3, s03);
            x = FloatVector.broadcast(SPECIES, a[a1 + q]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            s12 = x.fma(b2, s12);
            s13 = x.fma(b3, s13);
            x = FloatVector.broadcast(SPECIES, a[a2 + q]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            s22 = x.fma(b2, s22);
            s23 = x.fma(b3, s23);
            x = FloatVector.broadcast(SPECIES, a[a3 + q]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
            s32 = x.fma(b2, s32);
            s33 = x.fma(b3, s33);
        }
        s00.intoArray(c, ci);
        s01.intoArray(c, ci + LANES);
        s02.intoArray(c, ci + 2 * LANES);
        s03.intoArray(c, ci + 3 * LANES);
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

    static void tile4x4Transposed(float[] a, int ai, int lda, float[] b, int bp, float[] c, int ci, int cols, int depth,
                                  boolean load) {
        int c1 = ci + cols;
        int c2 = c1 + cols;
        int c3 = c2 + cols;
        FloatVector s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23, s30, s31, s32, s33;
        if (load) {
            s00 = FloatVector.fromArray(SPECIES, c, ci);
            s01 = FloatVector.fromArray(SPECIES, c, ci + LANES);
            s02 = FloatVector.fromArray(SPECIES, c, ci + 2 * LANES);
            s03 = FloatVector.fromArray(SPECIES, c, ci + 3 * LANES);
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
            s00 = s01 = s02 = s03 = s10 = s11 = zero;
            s12 = s13 = s20 = s21 = s22 = s23 = zero;
            s30 = s31 = s32 = s33 = zero;
        }
        for (int q = 0; q < depth; q++) {
            int aq = ai + q * lda;
            int bq = bp + q * (4 * LANES);
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bq);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bq + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, b, bq + 2 * LANES);
            FloatVector b3 = FloatVector.fromArray(SPECIES, b, bq + 3 * LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[aq]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            s02 = x.fma(b2, s02);
            s03 = x.fma(b3, s03);
            x = FloatVector.broadcast(SPECIES, a[aq + 1]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            s12 = x.fma(b2, s12);
            s13 = x.fma(b3, s13);
            x = FloatVector.broadcast(SPECIES, a[aq + 2]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            s22 = x.fma(b2, s22);
            s23 = x.fma(b3, s23);
            x = FloatVector.broadcast(SPECIES, a[aq + 3]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
            s32 = x.fma(b2, s32);
            s33 = x.fma(b3, s33);
        }
        s00.intoArray(c, ci);
        s01.intoArray(c, ci + LANES);
        s02.intoArray(c, ci + 2 * LANES);
        s03.intoArray(c, ci + 3 * LANES);
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
}
