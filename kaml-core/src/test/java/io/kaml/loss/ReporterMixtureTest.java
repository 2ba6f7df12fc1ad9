package io.kaml.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReporterMixtureTest {
    @Test
    void findsTheCompleteReportersRateUnderABiasedModel() {
        // 30 complete reporters and 20 reporting 40%, against a model that expects 1/0.3 times too many conversions:
        // the complete reporters' R/E is 0.3, whatever the incomplete ones do.
        SplittableRandom random = new SplittableRandom(7);
        long[] r = new long[50];
        double[] e = new double[50];
        for (int k = 0; k < 50; k++) {
            e[k] = 200 + 400 * random.nextDouble();
            double completeness = k < 30 ? 1 : 0.4;
            r[k] = poisson(0.3 * completeness * e[k], random);
        }
        assertThat(ReporterMixture.completeRate(r, e)).isCloseTo(0.3, within(0.02));
    }

    @Test
    void exactCountsGiveTheHigherRateExactly() {
        // Noise-free: five advertisers at R/E = 1 and five at 0.25; no Poisson spread to blur the kinds.
        long[] r = {100, 200, 300, 400, 500, 25, 50, 75, 100, 125};
        double[] e = {100, 200, 300, 400, 500, 100, 200, 300, 400, 500};
        assertThat(ReporterMixture.completeRate(r, e)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void ignoresAdvertisersWithoutAReportedConversion() {
        // Non-reporters (R = 0) would pull a kind to 0; they are not part of the fit.
        long[] r = {100, 200, 0, 0, 0};
        double[] e = {100, 200, 500, 500, 500};
        assertThat(ReporterMixture.completeRate(r, e)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void fallsBackToThePooledRateOrOne() {
        assertThat(ReporterMixture.completeRate(new long[] {3, 0}, new double[] {12, 5})).isEqualTo(0.25);
        assertThat(ReporterMixture.completeRate(new long[] {0, 0}, new double[] {12, 5})).isEqualTo(1);
        assertThat(ReporterMixture.completeRate(new long[0], new double[0])).isEqualTo(1);
    }

    @Test
    void oneKindGivesItsRate() {
        long[] r = new long[10];
        double[] e = new double[10];
        Arrays.fill(r, 50);
        Arrays.fill(e, 100);
        assertThat(ReporterMixture.completeRate(r, e)).isCloseTo(0.5, within(1e-6));
    }

    private static long poisson(double mean, SplittableRandom random) {
        // Knuth's method in chunks of mean 10, so exp(-mean) never underflows.
        long n = 0;
        double left = mean;
        while (left > 0) {
            double step = Math.min(left, 10);
            left -= step;
            double limit = Math.exp(-step);
            double p = random.nextDouble();
            while (p > limit) {
                n++;
                p *= random.nextDouble();
            }
        }
        return n;
    }
}
