package io.kaml.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FixedPointTest {

    @Test
    void writesPlainDecimalsWithAFixedNumberOfPlaces() {
        assertThat(FixedPoint.format(0.00003, 8)).isEqualTo("0.00003000");
        assertThat(FixedPoint.format(0.123456789, 8)).isEqualTo("0.12345679");
        assertThat(FixedPoint.format(1, 8)).isEqualTo("1.00000000");
        assertThat(FixedPoint.format(1234.5, 2)).isEqualTo("1234.50");
        assertThat(FixedPoint.format(2.0049, 2)).isEqualTo("2.00");
        assertThat(FixedPoint.format(-0.25, 1)).isEqualTo("-0.3");
        assertThat(FixedPoint.format(-0.001, 2)).isEqualTo("0.00");
        assertThat(FixedPoint.format(7.6, 0)).isEqualTo("8");
    }

    @Test
    void parsesBackToTheRoundedValue() {
        for (double v : new double[] {1e-9, 0.5, 0.999999996, 3.14159, 812.345}) {
            assertThat(Double.parseDouble(FixedPoint.format(v, 8))).isEqualTo(Math.round(v * 1e8) / 1e8);
        }
    }
}
