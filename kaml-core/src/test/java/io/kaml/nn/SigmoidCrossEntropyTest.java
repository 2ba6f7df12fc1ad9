package io.kaml.nn;

import static io.kaml.nn.GradientCheck.TOLERANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SigmoidCrossEntropyTest {
    private static final int N = 40;
    private static final float SCALE = 0.37f;

    /** scale · Σ mask · BCE(σ(z), y), written the textbook way, valid for moderate z. */
    private static double loss(double[] z, float[] labels, float[] mask) {
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            double p = 1 / (1 + Math.exp(-z[i]));
            sum += mask[i] * -(labels[i] * Math.log(p) + (1 - labels[i]) * Math.log(1 - p));
        }
        return SCALE * sum;
    }

    @Test
    void maskedGradientMatchesFiniteDifferences() {
        RandomGenerator random = GradientCheck.random(12);
        float[] logits = GradientCheck.uniform(N, random, -4, 4);
        float[] labels = new float[N];
        float[] mask = new float[N];
        for (int i = 0; i < N; i++) {
            labels[i] = random.nextBoolean() ? 1f : 0f;
            mask[i] = random.nextInt(3) == 0 ? 0f : 1f;
        }
        float[] probabilities = new float[N];
        double forward = SigmoidCrossEntropy.forward(logits, labels, mask, probabilities, N);
        float[] dLogits = new float[N];
        SigmoidCrossEntropy.backward(probabilities, labels, mask, SCALE, dLogits, N);

        double[] z = GradientCheck.toDouble(logits);
        assertThat(SCALE * forward).isCloseTo(loss(z, labels, mask), within(1e-9));
        assertThat(GradientCheck.report("SigmoidCrossEntropy dLogits (masked)", dLogits,
                GradientCheck.numeric(z, p -> loss(p, labels, mask)))).isLessThan(TOLERANCE);
        for (int i = 0; i < N; i++) {
            if (mask[i] == 0f) {
                assertThat(dLogits[i]).isZero();
            }
        }
    }

    @Test
    void extremeLogitsStayFinite() {
        float[] logits = {100f, -100f, 100f, -100f, 0f};
        float[] labels = {0f, 1f, 1f, 0f, 1f};
        float[] mask = {1f, 1f, 1f, 1f, 1f};
        float[] probabilities = new float[5];
        double loss = SigmoidCrossEntropy.forward(logits, labels, mask, probabilities, 5);
        float[] expectedProbabilities = {1f, 0f, 1f, 0f, 0.5f};
        float[] expectedGradients = {1f, -1f, 0f, 0f, -0.5f};
        float[] dLogits = new float[5];
        SigmoidCrossEntropy.backward(probabilities, labels, mask, 1f, dLogits, 5);
        for (int i = 0; i < 5; i++) {
            assertThat(probabilities[i]).isCloseTo(expectedProbabilities[i], within(1e-30f));
            assertThat(dLogits[i]).isCloseTo(expectedGradients[i], within(1e-30f));
        }
        assertThat(loss).isCloseTo(200 + Math.log(2), within(1e-9));
        assertThat(SigmoidCrossEntropy.sigmoid(-1000f)).isZero();
        assertThat(SigmoidCrossEntropy.sigmoid(1000f)).isEqualTo(1f);
    }
}
