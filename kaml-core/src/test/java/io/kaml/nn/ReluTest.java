package io.kaml.nn;

import static io.kaml.nn.GradientCheck.TOLERANCE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ReluTest {
    /** Long enough for full vectors and a scalar tail at any vector width. */
    private static final int SIZE = 83;

    @Test
    void gradientMatchesFiniteDifferencesAwayFromTheKink() {
        RandomGenerator random = GradientCheck.random(7);
        float[] x = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            float magnitude = random.nextFloat(0.1f, 2f);
            x[i] = random.nextBoolean() ? magnitude : -magnitude;
        }
        float[] dy = GradientCheck.uniform(SIZE, random, -1, 1);
        float[] y = new float[SIZE];
        Relu.forward(x, y, SIZE);
        float[] dx = new float[SIZE];
        Relu.backward(y, dy, dx, SIZE);
        double[] numeric = GradientCheck.numeric(GradientCheck.toDouble(x), p -> {
            double sum = 0;
            for (int i = 0; i < SIZE; i++) {
                sum += dy[i] * Math.max(0, p[i]);
            }
            return sum;
        });
        assertThat(GradientCheck.report("Relu dx", dx, numeric)).isLessThan(TOLERANCE);
    }

    @Test
    void worksInPlace() {
        float[] values = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            values[i] = i % 3 - 1;
        }
        Relu.forward(values, values, SIZE);
        float[] gradient = new float[SIZE];
        java.util.Arrays.fill(gradient, 5f);
        Relu.backward(values, gradient, gradient, SIZE);
        for (int i = 0; i < SIZE; i++) {
            assertThat(values[i]).isEqualTo(i % 3 == 2 ? 1f : 0f);
            assertThat(gradient[i]).isEqualTo(i % 3 == 2 ? 5f : 0f);
        }
    }
}
