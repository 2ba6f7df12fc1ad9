package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StudentTTest {

    @Test
    void textbookCriticalValues() {
        // df = 4 has a closed form: P(|T| >= t) = 1 - (3/4) s (1 - s^2/3) with s = t / sqrt(t^2 + 4);
        // t = 2 gives s = 1/sqrt(2) and p = 1 - 5 sqrt(2) / 8 = 0.11611652...
        assertThat(StudentT.twoSidedP(2.0, 4)).isCloseTo(1 - 5 * Math.sqrt(2) / 8, within(1e-12));
        assertThat(StudentT.twoSidedP(2.0, 4)).isCloseTo(0.1161, within(5e-5));
        // The 97.5% quantile of t(4) in every table: 2.776.
        assertThat(StudentT.twoSidedP(2.776, 4)).isCloseTo(0.05, within(1e-4));
        // The 97.5% quantile of t(10): 2.228; of t(30): 2.042.
        assertThat(StudentT.twoSidedP(2.228, 10)).isCloseTo(0.05, within(2e-4));
        assertThat(StudentT.twoSidedP(2.042, 30)).isCloseTo(0.05, within(2e-4));
    }

    @Test
    void closedFormsOfSmallDegreesOfFreedom() {
        for (double t : new double[] {0.1, 0.5, 1, 1.7, 3, 10, 80}) {
            // df = 1 is Cauchy: p = 1 - (2/pi) atan|t|.
            assertThat(StudentT.twoSidedP(t, 1)).as("df 1, t %s", t).isCloseTo(1 - 2 / Math.PI * Math.atan(t), within(1e-12));
            // df = 2: p = 1 - |t| / sqrt(2 + t^2).
            assertThat(StudentT.twoSidedP(t, 2)).as("df 2, t %s", t).isCloseTo(1 - t / Math.sqrt(2 + t * t), within(1e-12));
            // df = 3: F(t) = 1/2 + (u / (1 + u^2) + atan u) / pi with u = t / sqrt(3).
            double u = t / Math.sqrt(3);
            double p3 = 2 * (0.5 - (u / (1 + u * u) + Math.atan(u)) / Math.PI);
            assertThat(StudentT.twoSidedP(t, 3)).as("df 3, t %s", t).isCloseTo(p3, within(1e-12));
        }
    }

    @Test
    void symmetricAndBounded() {
        assertThat(StudentT.twoSidedP(0, 5)).isEqualTo(1.0);
        assertThat(StudentT.twoSidedP(-2.0, 4)).isEqualTo(StudentT.twoSidedP(2.0, 4));
        assertThat(StudentT.cdf(0, 7)).isCloseTo(0.5, within(1e-15));
        assertThat(StudentT.cdf(-1.3, 7) + StudentT.cdf(1.3, 7)).isCloseTo(1.0, within(1e-14));
        assertThat(StudentT.twoSidedP(Double.POSITIVE_INFINITY, 3)).isZero();
        assertThat(StudentT.twoSidedP(Double.NaN, 3)).isNaN();
        // Many degrees of freedom approach the normal: P(|Z| >= 1.959964) = 0.05.
        assertThat(StudentT.twoSidedP(1.959964, 1e7)).isCloseTo(0.05, within(1e-6));
    }

    @Test
    void incompleteBetaAndLogGammaIdentities() {
        assertThat(StudentT.regularizedIncompleteBeta(0.3, 1, 1)).isCloseTo(0.3, within(1e-14));
        assertThat(StudentT.regularizedIncompleteBeta(0.3, 3, 1)).isCloseTo(0.027, within(1e-14));
        assertThat(StudentT.regularizedIncompleteBeta(0.8, 2, 5) + StudentT.regularizedIncompleteBeta(0.2, 5, 2))
                .isCloseTo(1.0, within(1e-14));
        assertThat(StudentT.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-13));
        assertThat(StudentT.logGamma(10)).isCloseTo(Math.log(362_880), within(1e-12));
        assertThat(StudentT.logGamma(0.1)).isCloseTo(Math.log(9.513507698668732), within(1e-12));
    }

    @Test
    void infiniteDegreesOfFreedomAreTheNormal() {
        // 2 (1 - Phi(z)), as every normal table has it (here to full precision from scipy.stats.norm.sf):
        // z = 1: 0.3173105, z = 2: 0.0455003, z = 3: 0.0026998, z = 5: 5.733e-7; 1.959964 is the 95% point.
        double normal = Double.POSITIVE_INFINITY;
        assertThat(StudentT.twoSidedP(1, normal)).isCloseTo(0.31731050786291415, within(1e-15));
        assertThat(StudentT.twoSidedP(-2, normal)).isCloseTo(0.04550026389635839, within(1e-15));
        assertThat(StudentT.twoSidedP(3, normal)).isCloseTo(0.0026997960632601866, within(1e-16));
        assertThat(StudentT.twoSidedP(5, normal)).isCloseTo(5.733031437583866e-7, within(1e-20));
        assertThat(StudentT.twoSidedP(1.959963984540054, normal)).isCloseTo(0.05, within(1e-15));
        assertThat(StudentT.twoSidedP(0, normal)).isEqualTo(1.0);
        assertThat(StudentT.twoSidedP(40, normal)).isZero();
        // Either side of the switch from erf's series to erfc's continued fraction (z / sqrt 2 = 2) agrees.
        double z = 2 * Math.sqrt(2);
        assertThat(StudentT.twoSidedP(Math.nextDown(z), normal)).isCloseTo(StudentT.twoSidedP(z, normal), within(1e-15));
        // A huge finite df, as Welch–Satterthwaite gives when the seeds nearly agree, is the normal too; t(10^6) differs
        // from it by a relative 6e-6 at t = 2 (scipy.stats.t.sf).
        assertThat(StudentT.twoSidedP(2, 1e12)).isEqualTo(StudentT.twoSidedP(2, normal));
        assertThat(StudentT.twoSidedP(2, 1e6)).isCloseTo(0.04550026389635839 * (1 + 5.93e-6), within(1e-9));
    }

    @Test
    void criticalValuesInvertTheTail() {
        // The 97.5% quantiles of t(2), t(10) and the normal: 4.303, 2.228, 1.960 in every table.
        assertThat(StudentT.criticalValue(0.05, 2)).isCloseTo(4.302652729749462, within(1e-9));
        assertThat(StudentT.criticalValue(0.05, 10)).isCloseTo(2.228138851986274, within(1e-9));
        assertThat(StudentT.criticalValue(0.05, Double.POSITIVE_INFINITY)).isCloseTo(1.959963984540054, within(1e-12));
        assertThat(StudentT.twoSidedP(StudentT.criticalValue(0.001, 7.5), 7.5)).isCloseTo(0.001, within(1e-12));
        assertThatThrownBy(() -> StudentT.criticalValue(0, 3)).hasMessageContaining("alpha");
    }

    @Test
    void badDegreesOfFreedomAreRejected() {
        assertThatThrownBy(() -> StudentT.twoSidedP(1, 0)).hasMessageContaining("degrees of freedom");
        assertThatThrownBy(() -> StudentT.twoSidedP(1, Double.NaN)).hasMessageContaining("degrees of freedom");
    }
}
