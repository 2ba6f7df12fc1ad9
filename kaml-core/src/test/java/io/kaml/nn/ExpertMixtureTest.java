package io.kaml.nn;

import static io.kaml.nn.GradientCheck.TOLERANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpertMixtureTest {
    private static final int BATCH = 3;
    private static final int EXPERTS = 3;

    /** Σ dy ⊙ Σ_e g_e · expert_e in double; experts flat [e][batch·width]. */
    private static double loss(double[] experts, double[] gates, float[] dy, int width) {
        double sum = 0;
        for (int r = 0; r < BATCH; r++) {
            for (int d = 0; d < width; d++) {
                double y = 0;
                for (int e = 0; e < EXPERTS; e++) {
                    y += gates[r * EXPERTS + e] * experts[e * BATCH * width + r * width + d];
                }
                sum += dy[r * width + d] * y;
            }
        }
        return sum;
    }

    /** Width 5 runs only the scalar tail; 37 runs full vectors and a tail at 8 or 16 lanes. */
    @ParameterizedTest
    @ValueSource(ints = {5, 37})
    void gradientsMatchFiniteDifferences(int width) {
        RandomGenerator random = GradientCheck.random(10 + width);
        ExpertMixture mixture = new ExpertMixture(EXPERTS, width);
        float[][] experts = new float[EXPERTS][];
        float[][] dExperts = new float[EXPERTS][];
        float[][] prior = new float[EXPERTS][];
        for (int e = 0; e < EXPERTS; e++) {
            experts[e] = GradientCheck.uniform(BATCH * width, random, -1, 1);
            dExperts[e] = new float[BATCH * width];
            prior[e] = GradientCheck.uniform(BATCH * width, random, -1, 1);
        }
        float[] gates = GradientCheck.uniform(BATCH * EXPERTS, random, 0, 1);
        float[] dy = GradientCheck.uniform(BATCH * width, random, -1, 1);
        float[] y = new float[BATCH * width];
        mixture.forward(experts, gates, y, BATCH);
        float[] dGates = new float[BATCH * EXPERTS];
        mixture.backward(experts, gates, dy, dExperts, dGates, BATCH);
        float[][] accumulated = new float[EXPERTS][];
        for (int e = 0; e < EXPERTS; e++) {
            accumulated[e] = prior[e].clone();
        }
        mixture.backward(experts, gates, dy, accumulated, new float[BATCH * EXPERTS], BATCH);
        for (int e = 0; e < EXPERTS; e++) {
            for (int i = 0; i < BATCH * width; i++) {
                assertThat(accumulated[e][i]).isCloseTo(prior[e][i] + dExperts[e][i], within(1e-6f));
            }
        }

        double[] expertsFlat = new double[EXPERTS * BATCH * width];
        float[] analyticFlat = new float[expertsFlat.length];
        for (int e = 0; e < EXPERTS; e++) {
            for (int i = 0; i < BATCH * width; i++) {
                expertsFlat[e * BATCH * width + i] = experts[e][i];
                analyticFlat[e * BATCH * width + i] = dExperts[e][i];
            }
        }
        double[] gatesD = GradientCheck.toDouble(gates);
        assertThat(Math.abs(DenseTest.sumProduct(dy, y) - loss(expertsFlat, gatesD, dy, width))).isLessThan(1e-5);
        assertThat(GradientCheck.report("ExpertMixture dExperts (width " + width + ")", analyticFlat,
                GradientCheck.numeric(expertsFlat, p -> loss(p, gatesD, dy, width)))).isLessThan(TOLERANCE);
        assertThat(GradientCheck.report("ExpertMixture dGates (width " + width + ")", dGates,
                GradientCheck.numeric(gatesD, p -> loss(expertsFlat, p, dy, width)))).isLessThan(TOLERANCE);
    }

    @Test
    void rejectsTheWrongNumberOfExperts() {
        ExpertMixture mixture = new ExpertMixture(2, 4);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> mixture.forward(new float[3][4], new float[2], new float[4], 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
