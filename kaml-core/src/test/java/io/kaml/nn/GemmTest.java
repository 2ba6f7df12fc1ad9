package io.kaml.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GemmTest {
    /** Sizes around the vector width (16 or 8 lanes), the 4- and 6-row, 2- and 4-vector tiles, and the 256 blocks. */
    private static final int[] SIZES = {1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 129};

    private static List<int[]> shapes() {
        RandomGenerator random = GradientCheck.random(11);
        List<int[]> shapes = new ArrayList<>();
        for (int s = 0; s < 40; s++) {
            shapes.add(new int[] {pick(random), pick(random), pick(random)});
        }
        shapes.add(new int[] {7, 300, 5});
        shapes.add(new int[] {5, 3, 300});
        shapes.add(new int[] {9, 513, 70});
        shapes.add(new int[] {300, 7, 65});
        shapes.add(new int[] {66, 320, 128});
        shapes.add(new int[] {33, 320, 4});
        shapes.add(new int[] {17, 32, 1});
        shapes.add(new int[] {13, 300, 290}); // both tiles' row and column remainders past the 256 blocks
        return shapes;
    }

    private static int pick(RandomGenerator random) {
        return SIZES[random.nextInt(SIZES.length)];
    }

    /** Each tile on this machine, whichever it would choose: the AVX2 one runs here too. */
    @ParameterizedTest
    @EnumSource(GemmTile.class)
    void multiplyMatchesReference(GemmTile tile) {
        RandomGenerator random = GradientCheck.random(1);
        for (int[] s : shapes()) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = GradientCheck.uniform(m * k, random, -1, 1);
            float[] b = GradientCheck.uniform(k * n, random, -1, 1);
            float[] c = GradientCheck.uniform(m * n, random, -1, 1);
            Gemm.multiply(tile, a, b, c, m, k, n, false);
            assertClose(c, GemmReference.multiply(a, b, null, m, k, n), k, "multiply", s);
            float[] c0 = GradientCheck.uniform(m * n, random, -1, 1);
            float[] acc = c0.clone();
            Gemm.multiply(tile, a, b, acc, m, k, n, true);
            assertClose(acc, GemmReference.multiply(a, b, c0, m, k, n), k, "multiply +=", s);
        }
    }

    @ParameterizedTest
    @EnumSource(GemmTile.class)
    void multiplyTransposedAMatchesReference(GemmTile tile) {
        RandomGenerator random = GradientCheck.random(2);
        for (int[] s : shapes()) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = GradientCheck.uniform(m * k, random, -1, 1);
            float[] b = GradientCheck.uniform(m * n, random, -1, 1);
            float[] c0 = GradientCheck.uniform(k * n, random, -1, 1);
            float[] c = c0.clone();
            Gemm.multiplyTransposedA(tile, a, b, c, m, k, n);
            assertClose(c, GemmReference.multiplyTransposedA(a, b, c0, m, k, n), m, "transposed A", s);
        }
    }

    @ParameterizedTest
    @EnumSource(GemmTile.class)
    void multiplyTransposedBMatchesReference(GemmTile tile) {
        RandomGenerator random = GradientCheck.random(3);
        for (int[] s : shapes()) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = GradientCheck.uniform(m * n, random, -1, 1);
            float[] b = GradientCheck.uniform(k * n, random, -1, 1);
            float[] c = GradientCheck.uniform(m * k, random, -1, 1);
            Gemm.multiplyTransposedB(tile, a, b, c, m, k, n, false);
            assertClose(c, GemmReference.multiplyTransposedB(a, b, null, m, k, n), n, "transposed B", s);
            float[] c0 = GradientCheck.uniform(m * k, random, -1, 1);
            float[] acc = c0.clone();
            Gemm.multiplyTransposedB(tile, a, b, acc, m, k, n, true);
            assertClose(acc, GemmReference.multiplyTransposedB(a, b, c0, m, k, n), n, "transposed B +=", s);
        }
    }

    @Test
    void everyTileGivesTheSameBitsAsTheMachinesOwn() {
        RandomGenerator random = GradientCheck.random(7);
        for (int[] s : shapes()) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = GradientCheck.uniform(m * k, random, -1, 1);
            float[] b = GradientCheck.uniform(k * n, random, -1, 1);
            float[] c0 = GradientCheck.uniform(m * n, random, -1, 1);
            float[] own = c0.clone();
            Gemm.multiply(a, b, own, m, k, n, true);
            float[] ownTa = GradientCheck.uniform(k * n, random, -1, 1);
            float[] aT = GradientCheck.uniform(m * n, random, -1, 1);
            float[] startTa = ownTa.clone();
            Gemm.multiplyTransposedA(a, aT, ownTa, m, k, n);
            for (GemmTile tile : GemmTile.values()) {
                float[] c = c0.clone();
                Gemm.multiply(tile, a, b, c, m, k, n, true);
                assertThat(c).as("%s on %dx%dx%d", tile, m, k, n).isEqualTo(own);
                float[] ta = startTa.clone();
                Gemm.multiplyTransposedA(tile, a, aT, ta, m, k, n);
                assertThat(ta).as("%s, transposed A, on %dx%dx%d", tile, m, k, n).isEqualTo(ownTa);
            }
        }
    }

    @Test
    void tileFollowsTheMachinesVectorRegisters() {
        assertThat(GemmTile.forMachine(16, "amd64")).isEqualTo(GemmTile.FOUR_BY_FOUR); // AVX-512: 32 registers
        assertThat(GemmTile.forMachine(8, "amd64")).isEqualTo(GemmTile.FIVE_BY_TWO); // AVX2: 16
        assertThat(GemmTile.forMachine(4, "x86_64")).isEqualTo(GemmTile.FIVE_BY_TWO); // SSE: 16
        assertThat(GemmTile.forMachine(4, "aarch64")).isEqualTo(GemmTile.FOUR_BY_FOUR); // NEON: 32
        assertThat(GemmTile.forMachine(8, "riscv64")).isEqualTo(GemmTile.FIVE_BY_TWO);
        assertThat(GemmTile.FOUR_BY_FOUR.registers()).isEqualTo(21);
        assertThat(GemmTile.FIVE_BY_TWO.registers()).isEqualTo(13);
        assertThat(GemmTile.parse("5x2")).isEqualTo(GemmTile.FIVE_BY_TWO);
        assertThat(GemmTile.parse(" 4x4 ")).isEqualTo(GemmTile.FOUR_BY_FOUR);
        assertThatThrownBy(() -> GemmTile.parse("4x3")).hasMessage("-Dkaml.gemm.tile=4x3: not a tile shape; one of 4x4, 5x2");
        GemmTile expected = System.getProperty(GemmTile.PROPERTY) != null ? GemmTile.parse(System.getProperty(GemmTile.PROPERTY))
                : GemmTile.forMachine(GemmTiles.LANES, System.getProperty("os.arch"));
        assertThat(Gemm.tile()).isEqualTo(expected);
        assertThat(Gemm.tileDescription()).startsWith(expected.label() + " vectors of " + GemmTiles.LANES + " floats, ");
    }

    @Test
    void leavesElementsBeyondTheResultAlone() {
        float[] a = {1, 2, 3, 4};
        float[] b = {1, 1, 1, 1};
        float[] c = {9, 9, 9, 9, 9, 9};
        Gemm.multiply(a, b, c, 2, 2, 2, false);
        assertThat(c).containsExactly(3, 3, 7, 7, 9, 9);
    }

    @Test
    void emptyDepthGivesZeroOrLeavesTheSum() {
        float[] c = {5, 5};
        Gemm.multiply(new float[0], new float[0], c, 1, 0, 2, true);
        assertThat(c).containsExactly(5, 5);
        Gemm.multiply(new float[0], new float[0], c, 1, 0, 2, false);
        assertThat(c).containsExactly(0, 0);
    }

    @Test
    void aRowAloneGivesTheSameBitsAsInABatch() {
        // A single request reads B in place, a batch reads it packed (and narrow products share B's loads among four
        // rows): a model must score a sample the same either way.
        RandomGenerator random = GradientCheck.random(11);
        for (int[] s : new int[][] {{13, 300, 290}, {66, 320, 128}, {10, 17, 70}, {9, 323, 4}, {6, 32, 1}, {5, 13, 2}}) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = GradientCheck.uniform(m * k, random, -1, 1);
            float[] b = GradientCheck.uniform(k * n, random, -1, 1);
            for (GemmTile tile : GemmTile.values()) {
                float[] batch = new float[m * n];
                Gemm.multiply(tile, a, b, batch, m, k, n, false);
                for (int i = 0; i < m; i++) {
                    float[] one = new float[n];
                    Gemm.multiply(tile, Arrays.copyOfRange(a, i * k, (i + 1) * k), b, one, 1, k, n, false);
                    assertThat(one).as("%s, row %d of %dx%dx%d", tile, i, m, k, n)
                            .isEqualTo(Arrays.copyOfRange(batch, i * n, (i + 1) * n));
                }
            }
        }
    }

    @Test
    void rejectsShortArrays() {
        assertThatThrownBy(() -> Gemm.multiply(new float[5], new float[6], new float[4], 2, 3, 2, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a needs 2 x 3");
        assertThatThrownBy(() -> Gemm.multiplyTransposedB(new float[4], new float[5], new float[6], 2, 3, 2, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b needs 3 x 2");
    }

    /** |c − exact| ≤ (depth + 2) · 2⁻²³ · (Σ|a·b| + |c0|): twice the standard dot-product bound. */
    private static void assertClose(float[] c, GemmReference exact, int depth, String what, int[] shape) {
        for (int i = 0; i < exact.value.length; i++) {
            double bound = (depth + 2) * 0x1p-23 * exact.magnitude[i] + Float.MIN_NORMAL;
            double error = Math.abs(c[i] - exact.value[i]);
            if (error > bound) {
                throw new AssertionError(what + " " + shape[0] + "x" + shape[1] + "x" + shape[2] + " element " + i
                        + ": " + c[i] + " vs " + exact.value[i] + " (bound " + bound + ")");
            }
        }
    }
}
