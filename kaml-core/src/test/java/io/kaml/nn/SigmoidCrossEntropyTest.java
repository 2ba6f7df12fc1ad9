package io.kaml.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SigmoidCrossEntropyTest {
    @Test
    void lossMatchesTheTextbookFormAndItsDerivativeIsSigmoidMinusLabel() {
        for (float z = -6f; z <= 6f; z += 0.37f) {
            for (float y : new float[] {0f, 1f, 0.3f}) {
                double p = 1 / (1 + Math.exp(-z));
                assertThat(SigmoidCrossEntropy.loss(z, y)).isCloseTo(-(y * Math.log(p) + (1 - y) * Math.log(1 - p)), within(1e-9));
                double h = 1e-3;
                double numeric = (SigmoidCrossEntropy.loss((float) (z + h), y) - SigmoidCrossEntropy.loss((float) (z - h), y)) / (2 * h);
                assertThat((double) (SigmoidCrossEntropy.sigmoid(z) - y)).isCloseTo(numeric, within(2e-4));
            }
        }
    }

    @Test
    void extremeLogitsStayFinite() {
        assertThat(SigmoidCrossEntropy.loss(100f, 0f)).isCloseTo(100, within(1e-9));
        assertThat(SigmoidCrossEntropy.loss(-100f, 1f)).isCloseTo(100, within(1e-9));
        assertThat(SigmoidCrossEntropy.loss(100f, 1f)).isCloseTo(0, within(1e-30));
        assertThat(SigmoidCrossEntropy.loss(0f, 1f)).isCloseTo(Math.log(2), within(1e-12));
        assertThat(SigmoidCrossEntropy.sigmoid(-1000f)).isZero();
        assertThat(SigmoidCrossEntropy.sigmoid(1000f)).isEqualTo(1f);
        assertThat(SigmoidCrossEntropy.sigmoid(0f)).isEqualTo(0.5f);
    }
}
