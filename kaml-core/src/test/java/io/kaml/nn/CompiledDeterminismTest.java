package io.kaml.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Kernels must give the same bits before and after the JIT compiles them, or the same seed would
 * train different weights in two runs. Repeating a call long enough for C2 to compile it exposes any
 * reduction whose order depends on the execution mode.
 */
class CompiledDeterminismTest {
    private static final int CALLS = 30_000;

    @Test
    void narrowProductsKeepTheirBitsWhenCompiled() {
        RandomGenerator random = GradientCheck.random(4);
        int m = 8;
        int k = 11;
        int n = 6;
        float[] a = GradientCheck.uniform(m * k, random, -1, 1);
        float[] b = GradientCheck.uniform(k * n, random, -1, 1);
        float[] first = new float[m * n];
        Gemm.multiply(a, b, first, m, k, n, false);
        float[] c = new float[m * n];
        float[] dx = new float[m * k];
        float[] firstDx = new float[m * k];
        Gemm.multiplyTransposedB(first, b, firstDx, m, k, n, false);
        for (int call = 0; call < CALLS; call++) {
            Gemm.multiply(a, b, c, m, k, n, false);
            Gemm.multiplyTransposedB(first, b, dx, m, k, n, false);
        }
        assertThat(c).isEqualTo(first);
        assertThat(dx).isEqualTo(firstDx);
    }

    /** A gate-like product read in place: four rows and one, a depth with a tail past the last whole vector. */
    @Test
    void spreadProductsKeepTheirBitsWhenCompiled() {
        RandomGenerator random = GradientCheck.random(7);
        int m = 5;
        int k = 2 * GemmTiles.LANES + 3;
        for (int n : new int[] {1, 2, 4}) {
            float[] a = GradientCheck.uniform(m * k, random, -1, 1);
            float[] b = GradientCheck.uniform(k * n, random, -1, 1);
            float[] first = new float[m * n];
            Gemm.multiply(a, b, first, m, k, n, false);
            float[] c = new float[m * n];
            for (int call = 0; call < CALLS; call++) {
                Gemm.multiply(a, b, c, m, k, n, false);
            }
            assertThat(c).as("%d columns", n).isEqualTo(first);
        }
    }

    /** Each tile, on a shape with full tiles, a single-vector column and a masked one, and leftover rows for both. */
    @Test
    void everyTileKeepsItsBitsWhenCompiled() {
        RandomGenerator random = GradientCheck.random(6);
        int m = 13;
        int k = 20;
        int n = 5 * GemmTiles.LANES + 3;
        float[] a = GradientCheck.uniform(m * k, random, -1, 1);
        float[] b = GradientCheck.uniform(k * n, random, -1, 1);
        for (GemmTile tile : GemmTile.values()) {
            float[] first = new float[m * n];
            Gemm.multiply(tile, a, b, first, m, k, n, false);
            float[] c = new float[m * n];
            for (int call = 0; call < CALLS; call++) {
                Gemm.multiply(tile, a, b, c, m, k, n, false);
            }
            assertThat(c).as("%s", tile).isEqualTo(first);
        }
    }

    @Test
    void expertMixtureBackwardKeepsItsBitsWhenCompiled() {
        RandomGenerator random = GradientCheck.random(5);
        int experts = 3;
        int width = 37;
        int batch = 4;
        ExpertMixture mixture = new ExpertMixture(experts, width);
        float[][] outputs = new float[experts][];
        for (int e = 0; e < experts; e++) {
            outputs[e] = GradientCheck.uniform(batch * width, random, -1, 1);
        }
        float[] gates = GradientCheck.uniform(batch * experts, random, 0, 1);
        float[] dy = GradientCheck.uniform(batch * width, random, -1, 1);
        float[] firstGates = new float[batch * experts];
        mixture.backward(outputs, gates, dy, new float[experts][batch * width], firstGates, batch);
        float[] dGates = new float[batch * experts];
        for (int call = 0; call < CALLS; call++) {
            mixture.backward(outputs, gates, dy, new float[experts][batch * width], dGates, batch);
        }
        assertThat(dGates).isEqualTo(firstGates);
    }
}
