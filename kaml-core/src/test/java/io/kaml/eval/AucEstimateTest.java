package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AucEstimateTest {

    @Test
    void seedSpreadPlusTheTestVarianceNotDividedBySeeds() {
        // Differences 0.05, 0.04, 0.06: mean 0.05, s^2 = 0.0001, seed part 0.0001 / 3 = 1/30000.
        // DeLong variances 0.0002, 0.0003, 0.0004: test part their mean, 0.0003 = 9/30000 (not 0.0001).
        // se = sqrt(10/30000) = sqrt(1/3000) = 0.018257; df = (1/3000)^2 / ((1/30000)^2 / 2) = 200.
        AucEstimate e = AucEstimate.of(new double[] {0.05, 0.04, 0.06}, new double[] {0.0002, 0.0003, 0.0004});
        assertThat(e.seeds()).isEqualTo(3);
        assertThat(e.mean()).isCloseTo(0.05, within(1e-15));
        assertThat(e.seedVariance()).isCloseTo(1.0 / 30000, within(1e-15));
        assertThat(e.testVariance()).isCloseTo(0.0003, within(1e-15));
        assertThat(e.standardError()).isCloseTo(Math.sqrt(1.0 / 3000), within(1e-15));
        assertThat(e.degreesOfFreedom()).isCloseTo(200, within(1e-9));
        // t = 0.05 * sqrt(3000) = 2.7386 on 200 df: p = 0.00672 (t tables); t(200) 97.5% quantile 1.97190.
        assertThat(e.p()).isCloseTo(StudentT.twoSidedP(0.05 * Math.sqrt(3000), 200), within(1e-15));
        assertThat(e.p()).isCloseTo(0.00672, within(1e-5));
        assertThat(e.low()).isCloseTo(0.05 - 1.971896 * Math.sqrt(1.0 / 3000), within(1e-6));
        assertThat(e.high()).isCloseTo(0.05 + 1.971896 * Math.sqrt(1.0 / 3000), within(1e-6));
    }

    @Test
    void withoutTestVarianceItIsThePairedTTest() {
        // Differences 0.05, 0.04, 0.06 alone: t = 0.05 / (0.01 / sqrt 3) = 8.660 with 2 df, p = 1 - t / sqrt(2 + t^2) = 0.01307;
        // interval 0.05 ± 4.302653 * 0.01 / sqrt 3 (t(2) 97.5% quantile 4.303 in every table).
        AucEstimate e = AucEstimate.of(new double[] {0.05, 0.04, 0.06}, new double[] {0, 0, 0});
        double t = 0.05 / (0.01 / Math.sqrt(3));
        assertThat(e.degreesOfFreedom()).isCloseTo(2, within(1e-9));
        assertThat(e.p()).isCloseTo(1 - t / Math.sqrt(2 + t * t), within(1e-12));
        assertThat(e.low()).isCloseTo(0.05 - 4.302653 * 0.01 / Math.sqrt(3), within(1e-6));
    }

    @Test
    void identicalSeedsOnASharedTestSetAreNoMoreCertainThanOne() {
        // Three seeds that agree exactly: no seed spread, and the test variance stays 0.0004 (se 0.02), as with one seed,
        // because the seeds saw the same test samples; the normal test: 0.04 / 0.02 = 2 -> p = 0.0455.
        AucEstimate three = AucEstimate.of(new double[] {0.04, 0.04, 0.04}, new double[] {0.0004, 0.0004, 0.0004});
        AucEstimate one = AucEstimate.of(new double[] {0.04}, new double[] {0.0004});
        assertThat(three.standardError()).isCloseTo(0.02, within(1e-15));
        assertThat(three.degreesOfFreedom()).isInfinite();
        assertThat(three.p()).isCloseTo(0.0455003, within(1e-7)).isEqualTo(one.p());
        assertThat(three.high()).isCloseTo(0.04 + 1.959964 * 0.02, within(1e-7));
    }

    @Test
    void undefinedSeedsAreLeftOutAndNoStandardErrorMeansNoTest() {
        AucEstimate partly = AucEstimate.of(new double[] {0.7, Double.NaN, 0.72}, new double[] {0.001, Double.NaN, 0.001});
        assertThat(partly.seeds()).isEqualTo(2);
        assertThat(partly.mean()).isCloseTo(0.71, within(1e-15));
        AucEstimate none = AucEstimate.of(new double[] {Double.NaN, Double.NaN}, new double[] {Double.NaN, Double.NaN});
        assertThat(none.seeds()).isZero();
        assertThat(none.p()).isNaN();
        assertThat(none.low()).isNaN();
        // One positive: an AUC but no variance, so a mean without p or interval.
        AucEstimate noVariance = AucEstimate.of(new double[] {1.0, 0.5}, new double[] {Double.NaN, Double.NaN});
        assertThat(noVariance.mean()).isEqualTo(0.75);
        assertThat(noVariance.p()).isNaN();
        assertThat(noVariance.high()).isNaN();
        AucEstimate same = AucEstimate.of(new double[] {0, 0}, new double[] {0, 0});
        assertThat(same.p()).isEqualTo(1.0);
        assertThat(same.low()).isZero();
    }
}
