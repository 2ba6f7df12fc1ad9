package io.kaml.nn;

import static io.kaml.nn.GradientCheck.TOLERANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DenseTest {
    private static final int BATCH = 4;
    private static final int IN = 5;
    private static final int OUT = 3;

    /** Σ dy ⊙ (x·W + b) in double. */
    private static double loss(double[] x, double[] w, double[] b, float[] dy) {
        double sum = 0;
        for (int r = 0; r < BATCH; r++) {
            for (int o = 0; o < OUT; o++) {
                double y = b[o];
                for (int i = 0; i < IN; i++) {
                    y += x[r * IN + i] * w[i * OUT + o];
                }
                sum += dy[r * OUT + o] * y;
            }
        }
        return sum;
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        RandomGenerator random = GradientCheck.random(5);
        ParameterSet parameters = new ParameterSet();
        Dense dense = new Dense(parameters, "dense", IN, OUT, WeightInit.XAVIER_UNIFORM, random);
        float[] bias = parameters.values(dense.bias());
        System.arraycopy(GradientCheck.uniform(OUT, random, -1, 1), 0, bias, 0, OUT);
        float[] x = GradientCheck.uniform(BATCH * IN, random, -1, 1);
        float[] dy = GradientCheck.uniform(BATCH * OUT, random, -1, 1);
        float[] y = new float[BATCH * OUT];
        dense.forward(x, y, BATCH);
        Gradients gradients = parameters.newGradients();
        float[] dx = new float[BATCH * IN];
        dense.backward(x, dy, dx, false, BATCH, gradients);

        double[] xd = GradientCheck.toDouble(x);
        double[] wd = GradientCheck.toDouble(parameters.values(dense.weight()));
        double[] bd = GradientCheck.toDouble(bias);
        assertThat(Math.abs(sumProduct(dy, y) - loss(xd, wd, bd, dy))).isLessThan(1e-5);
        assertThat(GradientCheck.report("Dense dx", dx, GradientCheck.numeric(xd, p -> loss(p, wd, bd, dy))))
                .isLessThan(TOLERANCE);
        assertThat(GradientCheck.report("Dense dW", gradients.dense(dense.weight()),
                GradientCheck.numeric(wd, p -> loss(xd, p, bd, dy)))).isLessThan(TOLERANCE);
        assertThat(GradientCheck.report("Dense db", gradients.dense(dense.bias()),
                GradientCheck.numeric(bd, p -> loss(xd, wd, p, dy)))).isLessThan(TOLERANCE);
    }

    @Test
    void backwardAddsToParameterGradientsAndOptionallyToDx() {
        RandomGenerator random = GradientCheck.random(6);
        ParameterSet parameters = new ParameterSet();
        Dense dense = new Dense(parameters, "dense", IN, OUT, WeightInit.HE_UNIFORM, random);
        float[] x = GradientCheck.uniform(BATCH * IN, random, -1, 1);
        float[] dy = GradientCheck.uniform(BATCH * OUT, random, -1, 1);
        Gradients gradients = parameters.newGradients();
        float[] once = new float[BATCH * IN];
        dense.backward(x, dy, once, false, BATCH, gradients);
        float[] dW = gradients.dense(dense.weight()).clone();
        float[] twice = once.clone();
        dense.backward(x, dy, twice, true, BATCH, gradients);
        for (int i = 0; i < once.length; i++) {
            assertThat(twice[i]).isCloseTo(2 * once[i], within(1e-6f));
        }
        for (int i = 0; i < dW.length; i++) {
            assertThat(gradients.dense(dense.weight())[i]).isCloseTo(2 * dW[i], within(1e-6f));
        }
    }

    static double sumProduct(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
