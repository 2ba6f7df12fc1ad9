package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PairedTTestTest {

    @Test
    void handComputedExample() {
        // Differences 0.01, 0.03, -0.01, 0.03: mean 0.015, squared deviations sum to 0.0011, so
        // sd = sqrt(0.0011 / 3) and t = 0.015 / (sd / 2) = 1.5666989 with 3 degrees of freedom.
        PairedTTest test = PairedTTest.of(new double[] {0.71, 0.74, 0.69, 0.73}, new double[] {0.70, 0.71, 0.70, 0.70});
        assertThat(test.pairs()).isEqualTo(4);
        assertThat(test.meanDifference()).isCloseTo(0.015, within(1e-12));
        assertThat(test.t()).isCloseTo(0.015 / (Math.sqrt(0.0011 / 3) / 2), within(1e-9));
        double u = test.t() / Math.sqrt(3);
        assertThat(test.p()).isCloseTo(1 - 2 * (u / (1 + u * u) + Math.atan(u)) / Math.PI, within(1e-12));
        assertThat(test.p()).isCloseTo(0.2152, within(1e-4));
    }

    @Test
    void orderOfTheArgumentsFlipsOnlyTheSign() {
        double[] a = {0.81, 0.83, 0.80};
        double[] b = {0.79, 0.80, 0.80};
        PairedTTest ab = PairedTTest.of(a, b);
        PairedTTest ba = PairedTTest.of(b, a);
        assertThat(ba.t()).isCloseTo(-ab.t(), within(1e-12));
        assertThat(ba.p()).isCloseTo(ab.p(), within(1e-15));
    }

    @Test
    void undefinedPairsAreDroppedAndDegenerateCasesAreNamed() {
        PairedTTest dropped = PairedTTest.of(new double[] {0.7, Double.NaN, 0.9}, new double[] {0.6, 0.5, Double.NaN});
        assertThat(dropped.pairs()).isEqualTo(1);
        assertThat(dropped.meanDifference()).isCloseTo(0.1, within(1e-12));
        assertThat(dropped.p()).isNaN();
        assertThat(PairedTTest.of(new double[] {0.7, 0.8}, new double[] {0.7, 0.8}).p()).isEqualTo(1.0);
        assertThat(PairedTTest.of(new double[] {0.75, 0.875}, new double[] {0.5, 0.625}).p()).isZero();
        assertThat(PairedTTest.of(new double[0], new double[0]).meanDifference()).isNaN();
        assertThatThrownBy(() -> PairedTTest.of(new double[2], new double[3])).hasMessageContaining("equal lengths");
    }
}
