package io.kaml.nn;

import static io.kaml.nn.GemmTiles.LANES;
import static io.kaml.nn.GemmTiles.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * The 5×2 tile of {@link Gemm}, A read along its rows or (…Transposed) down its columns, as {@link GemmTiles}
 * describes them.
 * 10 accumulators, 2 vectors of B and a broadcast: 13 of AVX2's 16 registers. OpenBLAS's Haswell kernel is
 * 6×2 (15), but given 6×2 C2 keeps one accumulator on the stack in the loop that reads A down its columns, a
 * store and a load on its chain every step: on a Zen 3 core, one thread, 6×2 ran the weight gradient of a
 * 512×320×128 product at 36 GFLOP/s against 5×2's 52, and its forward product no faster (74 and 74).
 */
final class FiveByTwoTiles {
    private FiveByTwoTiles() {
    }

    static void tile5x2(float[] a, int ai, int lda, float[] b, int bp, float[] c, int ci, int cols, int depth,
                        boolean load) {
        int c1 = ci + cols;
        int c2 = c1 + cols;
        int c3 = c2 + cols;
        int c4 = c3 + cols;
        int a1 = ai + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int a4 = a3 + lda;
        FloatVector s00, s01, s10, s11, s20, s21, s30, s31, s40, s41;
        if (load) {
            s00 = FloatVector.fromArray(SPECIES, c, ci);
            s01 = FloatVector.fromArray(SPECIES, c, ci + LANES);
            s10 = FloatVector.fromArray(SPECIES, c, c1);
            s11 = FloatVector.fromArray(SPECIES, c, c1 + LANES);
            s20 = FloatVector.fromArray(SPECIES, c, c2);
            s21 = FloatVector.fromArray(SPECIES, c, c2 + LANES);
            s30 = FloatVector.fromArray(SPECIES, c, c3);
            s31 = FloatVector.fromArray(SPECIES, c, c3 + LANES);
            s40 = FloatVector.fromArray(SPECIES, c, c4);
            s41 = FloatVector.fromArray(SPECIES, c, c4 + LANES);
        } else {
            FloatVector zero = FloatVector.zero(SPECIES);
            s00 = s01 = s10 = s11 = s20 = s21 = zero;
            s30 = s31 = s40 = s41 = zero;
        }
        for (int q = 0; q < depth; q++) {
            int bq = bp + q * (2 * LANES);
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bq);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bq + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[ai + q]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = FloatVector.broadcast(SPECIES, a[a1 + q]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            x = FloatVector.broadcast(SPECIES, a[a2 + q]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            x = FloatVector.broadcast(SPECIES, a[a3 + q]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
            x = FloatVector.broadcast(SPECIES, a[a4 + q]);
            s40 = x.fma(b0, s40);
            s41 = x.fma(b1, s41);
        }
        s00.intoArray(c, ci);
        s01.intoArray(c, ci + LANES);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + LANES);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + LANES);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + LANES);
        s40.intoArray(c, c4);
        s41.intoArray(c, c4 + LANES);
    }

    static void tile5x2Transposed(float[] a, int ai, int lda, float[] b, int bp, float[] c, int ci, int cols, int depth,
                                  boolean load) {
        int c1 = ci + cols;
        int c2 = c1 + cols;
        int c3 = c2 + cols;
        int c4 = c3 + cols;
        FloatVector s00, s01, s10, s11, s20, s21, s30, s31, s40, s41;
        if (load) {
            s00 = FloatVector.fromArray(SPECIES, c, ci);
            s01 = FloatVector.fromArray(SPECIES, c, ci + LANES);
            s10 = FloatVector.fromArray(SPECIES, c, c1);
            s11 = FloatVector.fromArray(SPECIES, c, c1 + LANES);
            s20 = FloatVector.fromArray(SPECIES, c, c2);
            s21 = FloatVector.fromArray(SPECIES, c, c2 + LANES);
            s30 = FloatVector.fromArray(SPECIES, c, c3);
            s31 = FloatVector.fromArray(SPECIES, c, c3 + LANES);
            s40 = FloatVector.fromArray(SPECIES, c, c4);
            s41 = FloatVector.fromArray(SPECIES, c, c4 + LANES);
        } else {
            FloatVector zero = FloatVector.zero(SPECIES);
            s00 = s01 = s10 = s11 = s20 = s21 = zero;
            s30 = s31 = s40 = s41 = zero;
        }
        for (int q = 0; q < depth; q++) {
            int aq = ai + q * lda;
            int bq = bp + q * (2 * LANES);
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bq);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bq + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[aq]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = FloatVector.broadcast(SPECIES, a[aq + 1]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            x = FloatVector.broadcast(SPECIES, a[aq + 2]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            x = FloatVector.broadcast(SPECIES, a[aq + 3]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
            x = FloatVector.broadcast(SPECIES, a[aq + 4]);
            s40 = x.fma(b0, s40);
            s41 = x.fma(b1, s41);
        }
        s00.intoArray(c, ci);
        s01.intoArray(c, ci + LANES);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + LANES);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + LANES);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + LANES);
        s40.intoArray(c, c4);
        s41.intoArray(c, c4 + LANES);
    }
}
