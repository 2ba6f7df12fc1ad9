package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void meanAndSampleStandardDeviation() {
        // Mean 0.8; deviations -0.02, 0, 0.02: squares sum to 0.0008, / (3 - 1) = 0.0004, sd 0.02.
        Spread s = Spread.of(new double[] {0.78, 0.80, 0.82});
        assertThat(s.mean()).isCloseTo(0.8, within(1e-12));
        assertThat(s.std()).isCloseTo(0.02, within(1e-12));
        assertThat(s.n()).isEqualTo(3);
    }

    @Test
    void nanValuesAreLeftOut() {
        Spread s = Spread.of(new double[] {0.6, Double.NaN, 0.8});
        assertThat(s.n()).isEqualTo(2);
        assertThat(s.mean()).isCloseTo(0.7, within(1e-12));
        assertThat(s.std()).isCloseTo(Math.sqrt(0.02), within(1e-12));
    }

    @Test
    void tooFewValues() {
        assertThat(Spread.of(new double[] {0.7}).mean()).isEqualTo(0.7);
        assertThat(Spread.of(new double[] {0.7}).std()).isNaN();
        assertThat(Spread.of(new double[] {Double.NaN}).mean()).isNaN();
        assertThat(Spread.of(new double[0]).n()).isZero();
    }
}
