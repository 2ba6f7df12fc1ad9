package io.kaml.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class GemmTest {
    /** Sizes around the vector width (16 or 8 lanes), the 4-row and 4-vector tiles, and the 256 blocks. */
    private static final int[] SIZES = {1, 2, 3, 4, 5, 15, 16, 17, 31, 33, 63, 64, 65, 127, 129};

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
        return shapes;
    }

    private static int pick(RandomGenerator random) {
        return SIZES[random.nextInt(SIZES.length)];
    }

    @Test
    void multiplyMatchesReference() {
        RandomGenerator random = GradientCheck.random(1);
        for (int[] s : shapes()) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = GradientCheck.uniform(m * k, random, -1, 1);
            float[] b = GradientCheck.uniform(k * n, random, -1, 1);
            float[] c = GradientCheck.uniform(m * n, random, -1, 1);
            Gemm.multiply(a, b, c, m, k, n, false);
            assertClose(c, GemmReference.multiply(a, b, null, m, k, n), k, "multiply", s);
            float[] c0 = GradientCheck.uniform(m * n, random, -1, 1);
            float[] acc = c0.clone();
            Gemm.multiply(a, b, acc, m, k, n, true);
            assertClose(acc, GemmReference.multiply(a, b, c0, m, k, n), k, "multiply +=", s);
        }
    }

    @Test
    void multiplyTransposedAMatchesReference() {
        RandomGenerator random = GradientCheck.random(2);
        for (int[] s : shapes()) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = GradientCheck.uniform(m * k, random, -1, 1);
            float[] b = GradientCheck.uniform(m * n, random, -1, 1);
            float[] c0 = GradientCheck.uniform(k * n, random, -1, 1);
            float[] c = c0.clone();
            Gemm.multiplyTransposedA(a, b, c, m, k, n);
            assertClose(c, GemmReference.multiplyTransposedA(a, b, c0, m, k, n), m, "transposed A", s);
        }
    }

    @Test
    void multiplyTransposedBMatchesReference() {
        RandomGenerator random = GradientCheck.random(3);
        for (int[] s : shapes()) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = GradientCheck.uniform(m * n, random, -1, 1);
            float[] b = GradientCheck.uniform(k * n, random, -1, 1);
            float[] c = GradientCheck.uniform(m * k, random, -1, 1);
            Gemm.multiplyTransposedB(a, b, c, m, k, n, false);
            assertClose(c, GemmReference.multiplyTransposedB(a, b, null, m, k, n), n, "transposed B", s);
            float[] c0 = GradientCheck.uniform(m * k, random, -1, 1);
            float[] acc = c0.clone();
            Gemm.multiplyTransposedB(a, b, acc, m, k, n, true);
            assertClose(acc, GemmReference.multiplyTransposedB(a, b, c0, m, k, n), n, "transposed B +=", s);
        }
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
