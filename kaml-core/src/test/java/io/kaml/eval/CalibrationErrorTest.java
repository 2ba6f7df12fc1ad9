package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CalibrationErrorTest {

    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void expectedCalibrationErrorWithTwoBins() {
        // bin [0, 0.5): p 0.1, 0.3 -> mean 0.2; labels 0, 1 -> 0.5; |0.2 - 0.5| = 0.3, weight 2/4
        // bin [0.5, 1]: p 0.6, 0.9 -> mean 0.75; labels 1, 1 -> 1; |0.75 - 1| = 0.25, weight 2/4
        // ECE = 0.5 * 0.3 + 0.5 * 0.25 = 0.275
        double ece = CalibrationError.expected(new float[] {0.1f, 0.3f, 0.6f, 0.9f}, new boolean[] {F, T, T, T}, 2);
        assertThat(ece).isCloseTo(0.275, within(1e-6));
    }

    @Test
    void boundaryValuesGoToTheUpperBinAndOneToTheLast() {
        // 2 bins. p = 0.5 belongs to [0.5, 1] together with p = 1: mean p 0.75, labels 0, 0 -> 0.75.
        // p = 0.25 alone in [0, 0.5): |0.25 - 1| = 0.75. ECE = 2/3 * 0.75 + 1/3 * 0.75 = 0.75.
        // Had 0.5 landed in the lower bin: 1/3 * |1 - 0| + 2/3 * |0.375 - 0.5| = 0.4167.
        double ece = CalibrationError.expected(new float[] {0.5f, 1f, 0.25f}, new boolean[] {F, F, T}, 2);
        assertThat(ece).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void defaultTenBinsSeparateWhatTwoBinsAverage() {
        // 10 bins: 0.15 and 0.35 land in bins 1 and 3, each |p - y|: (0.15 + 0.65) / 2 = 0.4.
        // 2 bins would pool them: |0.25 - 0.5| = 0.25.
        float[] p = {0.15f, 0.35f};
        boolean[] y = {F, T};
        assertThat(CalibrationError.expected(p, y)).isCloseTo(0.4, within(1e-6));
        assertThat(CalibrationError.expected(p, y, 2)).isCloseTo(0.25, within(1e-6));
    }

    @Test
    void meanAbsoluteAgainstTrueProbabilities() {
        // |0.2 - 0.25| = 0.05, |0.5 - 0.25| = 0.25 -> mean 0.15
        assertThat(CalibrationError.meanAbsolute(new float[] {0.2f, 0.5f}, new float[] {0.25f, 0.25f}))
                .isCloseTo(0.15, within(1e-6));
    }

    @Test
    void emptyIsNaN() {
        assertThat(CalibrationError.expected(new float[0], new boolean[0])).isNaN();
        assertThat(CalibrationError.meanAbsolute(new float[0], new float[0])).isNaN();
    }

    @Test
    void rejectsInvalidInput() {
        assertThatThrownBy(() -> CalibrationError.expected(new float[] {1.5f}, new boolean[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probabilities[0] = 1.5");
        assertThatThrownBy(() -> CalibrationError.expected(new float[1], new boolean[1], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bins");
        assertThatThrownBy(() -> CalibrationError.meanAbsolute(new float[] {0.5f}, new float[] {Float.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trueProbabilities[0]");
        assertThatThrownBy(() -> CalibrationError.meanAbsolute(new float[1], new float[2]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
