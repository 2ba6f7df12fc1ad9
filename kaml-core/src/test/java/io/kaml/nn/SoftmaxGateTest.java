package io.kaml.nn;

import static io.kaml.nn.GradientCheck.TOLERANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SoftmaxGateTest {
    private static final int BATCH = 3;
    private static final int IN = 6;
    private static final int EXPERTS = 4;

    /** Σ dGates ⊙ softmax(x·W + b) in double. */
    private static double loss(double[] x, double[] w, double[] b, float[] dGates) {
        double sum = 0;
        double[] logits = new double[EXPERTS];
        for (int r = 0; r < BATCH; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int e = 0; e < EXPERTS; e++) {
                logits[e] = b[e];
                for (int i = 0; i < IN; i++) {
                    logits[e] += x[r * IN + i] * w[i * EXPERTS + e];
                }
                max = Math.max(max, logits[e]);
            }
            double total = 0;
            for (int e = 0; e < EXPERTS; e++) {
                total += Math.exp(logits[e] - max);
            }
            for (int e = 0; e < EXPERTS; e++) {
                sum += dGates[r * EXPERTS + e] * Math.exp(logits[e] - max) / total;
            }
        }
        return sum;
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        RandomGenerator random = GradientCheck.random(8);
        ParameterSet parameters = new ParameterSet();
        SoftmaxGate gate = new SoftmaxGate(parameters, "gate", IN, EXPERTS, random);
        float[] bias = parameters.values(gate.bias());
        System.arraycopy(GradientCheck.uniform(EXPERTS, random, -1, 1), 0, bias, 0, EXPERTS);
        float[] x = GradientCheck.uniform(BATCH * IN, random, -2, 2);
        float[] dGates = GradientCheck.uniform(BATCH * EXPERTS, random, -1, 1);
        float[] gates = new float[BATCH * EXPERTS];
        gate.forward(x, gates, BATCH);
        for (int r = 0; r < BATCH; r++) {
            float sum = 0;
            for (int e = 0; e < EXPERTS; e++) {
                assertThat(gates[r * EXPERTS + e]).isBetween(0f, 1f);
                sum += gates[r * EXPERTS + e];
            }
            assertThat(sum).isCloseTo(1f, within(1e-6f));
        }
        Gradients gradients = parameters.newGradients();
        float[] dx = new float[BATCH * IN];
        gate.backward(x, gates, dGates.clone(), dx, false, BATCH, gradients);

        double[] xd = GradientCheck.toDouble(x);
        double[] wd = GradientCheck.toDouble(parameters.values(gate.weight()));
        double[] bd = GradientCheck.toDouble(bias);
        assertThat(GradientCheck.report("SoftmaxGate dx", dx,
                GradientCheck.numeric(xd, p -> loss(p, wd, bd, dGates)))).isLessThan(TOLERANCE);
        assertThat(GradientCheck.report("SoftmaxGate dW", gradients.dense(gate.weight()),
                GradientCheck.numeric(wd, p -> loss(xd, p, bd, dGates)))).isLessThan(TOLERANCE);
        assertThat(GradientCheck.report("SoftmaxGate db", gradients.dense(gate.bias()),
                GradientCheck.numeric(bd, p -> loss(xd, wd, p, dGates)))).isLessThan(TOLERANCE);
    }

    @Test
    void largeLogitsStayFinite() {
        ParameterSet parameters = new ParameterSet();
        SoftmaxGate gate = new SoftmaxGate(parameters, "gate", 1, 2, GradientCheck.random(9));
        float[] w = parameters.values(gate.weight());
        w[0] = 1000f;
        w[1] = -1000f;
        float[] gates = new float[2];
        gate.forward(new float[] {1f}, gates, 1);
        assertThat(gates).containsExactly(1f, 0f);
    }
}
