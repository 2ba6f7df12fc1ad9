package io.kaml.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskedBinaryCrossEntropyTest {
    @Test
    void handComputedTwoActions() {
        // 3 samples x 2 actions. Action 0 masked on samples 0,1 (count 2); action 1 masked on sample 2 (count 1).
        float[] z = {0f, 2f, (float) Math.log(3), 5f, -1f, 0f};
        float[] y = {1f, 0f, 0f, 1f, 0f, 1f};
        float[] m = {1f, 0f, 1f, 0f, 0f, 1f};
        MaskedBinaryCrossEntropy bce = new MaskedBinaryCrossEntropy(new float[] {1f, 2f});
        bce.prepare(m, 3);
        float[] g = new float[6];
        double loss = bce.lossAndGradient(z, y, m, 3, g);
        // action 0: sample 0: z=0,y=1 -> ln 2; sample 1: z=ln3, p=3/4, y=0 -> -ln(1/4) = ln 4. mean = (ln2 + ln4)/2
        // action 1: sample 2: z=0,y=1 -> ln 2, weight 2, count 1.
        double expected = (Math.log(2) + Math.log(4)) / 2 + 2 * Math.log(2);
        assertThat(loss).isCloseTo(expected, within(1e-6));
        // gradients: (p - y) * w / count
        assertThat(g).containsExactly(new float[] {(0.5f - 1f) / 2, 0f, 0.75f / 2, 0f, 0f, 2 * (0.5f - 1f)}, within(1e-6f));
    }

    @Test
    void extremeLogitsStayFinite() {
        float[] z = {80f, -80f};
        float[] y = {0f, 1f};
        float[] m = {1f, 1f};
        MaskedBinaryCrossEntropy bce = new MaskedBinaryCrossEntropy(new float[] {1f, 1f});
        bce.prepare(m, 1);
        float[] g = new float[2];
        double loss = bce.lossAndGradient(z, y, m, 1, g);
        assertThat(loss).isCloseTo(160.0, within(1e-4));
        assertThat(g).containsExactly(new float[] {1f, -1f}, within(1e-6f));
    }

    @Test
    void slicesAddUpToTheWholeBatch() {
        Random random = new Random(3);
        int n = 50;
        int a = 3;
        float[] z = new float[n * a];
        float[] y = new float[n * a];
        float[] m = new float[n * a];
        for (int k = 0; k < n * a; k++) {
            z[k] = (float) random.nextGaussian() * 3;
            y[k] = random.nextBoolean() ? 1 : 0;
            m[k] = random.nextInt(3) == 0 ? 0 : 1;
        }
        MaskedBinaryCrossEntropy bce = new MaskedBinaryCrossEntropy(new float[] {1f, 0.5f, 3f});
        bce.prepare(m, n);
        float[] whole = new float[n * a];
        double wholeLoss = bce.lossAndGradient(z, y, m, n, whole);
        int cut = 17;
        float[] first = new float[cut * a];
        float[] second = new float[(n - cut) * a];
        double sliced = bce.lossAndGradient(z, y, m, cut, first)
                + bce.lossAndGradient(java.util.Arrays.copyOfRange(z, cut * a, n * a), java.util.Arrays.copyOfRange(y, cut * a, n * a),
                java.util.Arrays.copyOfRange(m, cut * a, n * a), n - cut, second);
        assertThat(sliced).isCloseTo(wholeLoss, within(1e-9));
        assertThat(java.util.Arrays.copyOfRange(whole, cut * a, n * a)).containsExactly(second);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        float[] z = {0.3f, -1.2f, 2.1f, 0.7f};
        float[] y = {1f, 0f, 0f, 1f};
        float[] m = {1f, 1f, 0f, 1f};
        MaskedBinaryCrossEntropy bce = new MaskedBinaryCrossEntropy(new float[] {1.5f, 0.5f});
        bce.prepare(m, 2);
        float[] g = new float[4];
        bce.lossAndGradient(z, y, m, 2, g);
        float[] scratch = new float[4];
        for (int k = 0; k < 4; k++) {
            float[] plus = z.clone();
            float[] minus = z.clone();
            plus[k] += 1e-3f;
            minus[k] -= 1e-3f;
            double numeric = (bce.lossAndGradient(plus, y, m, 2, scratch) - bce.lossAndGradient(minus, y, m, 2, scratch)) / 2e-3;
            assertThat((double) g[k]).isCloseTo(numeric, within(1e-4));
        }
    }

    @Test
    void rejectsBadWeights() {
        assertThatThrownBy(() -> new MaskedBinaryCrossEntropy(new float[] {1f, Float.NaN})).hasMessageContaining("action weight 1");
        assertThatThrownBy(() -> new MaskedBinaryCrossEntropy(new float[] {-1f})).hasMessageContaining("action weight 0");
    }
}
