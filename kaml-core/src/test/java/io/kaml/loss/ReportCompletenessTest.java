package io.kaml.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kaml.data.Batch;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportCompletenessTest {
    /**
     * Two actions; advertisers 0 and 1 target action 0, advertiser 2 targets action 1. Rows of advertiser 0 carry
     * action 1 at 0.5 each; one row of advertiser 1 has action 1 unknown.
     */
    private static Batch batch() {
        int[] advertiser = {0, 0, 0, 0, 1, 1, 2};
        int[] target = {0, 0, 0, 0, 0, 0, 1};
        byte[] labels = {
            1, 1,
            0, 1,
            0, 0,
            1, 0,
            1, 0,
            0, Batch.UNKNOWN,
            1, 1};
        return new Batch(7, 0, 0, 2, new int[0], new float[0], labels, target, advertiser, new int[7], null);
    }

    private static float[] probabilities() {
        float[] p = new float[14];
        for (int i = 0; i < 7; i++) {
            p[2 * i] = 0.9f;
            p[2 * i + 1] = 0.5f;
        }
        return p;
    }

    @Test
    void talliesReportedAndExpectedConversionsOffTheTarget() {
        ReportCompleteness.Tally tally = new ReportCompleteness.Tally(3, 2);
        tally.add(batch(), probabilities());
        ReportCompleteness c = tally.estimate(ReportCompleteness.Rule.defaults());
        // Advertiser 0, action 1: 4 labelled rows, 2 conversions, 4 x 0.5 expected; its target action is not counted.
        assertThat(c.samples(0, 1)).isEqualTo(4);
        assertThat(c.reported(0, 1)).isEqualTo(2);
        assertThat(c.expected(0, 1)).isCloseTo(2.0, within(1e-9));
        assertThat(c.samples(0, 0)).isZero();
        // Advertiser 1: the unknown label is neither a sample nor an expectation.
        assertThat(c.samples(1, 1)).isEqualTo(1);
        assertThat(c.expected(1, 1)).isCloseTo(0.5, within(1e-9));
        // Advertiser 2 targets action 1: its action 0 is the one counted.
        assertThat(c.reported(2, 0)).isEqualTo(1);
        assertThat(c.expected(2, 0)).isCloseTo(0.9, within(1e-6));
    }

    @Test
    void lowerBoundIsTheGammaPosteriorQuantile() {
        // 9 reported of 10 expected, with every advertiser's R/E equal (scale 0.9 for everyone would hide the test):
        // advertiser 0 reports 9 of 10, advertiser 1 reports 90 of 100, so the complete rate is 0.9 and the bound is
        // that of Gamma(9.5, rate 0.9 * 10) at 10%: 0.5825455 / 0.9 (scipy.stats.gamma.ppf(0.1, 9.5, scale=1/10) = 0.5825455).
        ReportCompleteness c = of(new long[] {9, 90}, new double[] {10, 100}, new ReportCompleteness.Rule(0.5, 0.9));
        assertThat(c.scale(0)).isCloseTo(0.9, within(1e-6));
        assertThat(c.lowerBound(0, 0)).isCloseTo(0.5825455016 / 0.9, within(1e-6));
        assertThat(c.trusted(0, 0)).isTrue();
        assertThat(c.trusted(1, 0)).isTrue();
        // The bound grows with evidence: at threshold 0.8, the 100-conversion advertiser is trusted, the 10-conversion one not.
        ReportCompleteness strict = of(new long[] {9, 90}, new double[] {10, 100}, new ReportCompleteness.Rule(0.8, 0.9));
        assertThat(strict.trusted(0, 0)).isFalse();
        assertThat(strict.trusted(1, 0)).isTrue();
    }

    @Test
    void trustsASmallCompleteReporterThatTheCountRuleCannot() {
        // Advertiser 0 reported 5 conversions where 5 were expected (the count rule at alpha 10 never trusts it);
        // advertiser 1, a complete reporter with volume, sets the scale at 1; advertiser 2 reports a third.
        ReportCompleteness c = of(new long[] {5, 200, 100}, new double[] {5, 200, 300}, ReportCompleteness.Rule.defaults());
        assertThat(c.scale(0)).isCloseTo(1.0, within(1e-6));
        // Gamma(5.5, rate 5) at 10% = 0.5577785 >= 0.5 (scipy.stats.gamma.ppf(0.1, 5.5, scale=1/5)).
        assertThat(c.lowerBound(0, 0)).isCloseTo(0.5577784790, within(1e-6));
        assertThat(c.trusted(0, 0)).isTrue();
        assertThat(c.trusted(2, 0)).isFalse();
        // An advertiser the training split never saw is never trusted.
        assertThat(c.trusted(7, 0)).isFalse();
    }

    @Test
    void writesOneCsvRowPerLabelledPairAndQuotesNames() {
        ReportCompleteness.Tally tally = new ReportCompleteness.Tally(3, 2);
        tally.add(batch(), probabilities());
        String csv = tally.estimate(ReportCompleteness.Rule.defaults()).toCsv(List.of("a,0", "a1", "a2"), List.of("install", "pay"));
        assertThat(csv.lines().toList()).hasSize(4).first().isEqualTo("advertiser,action,samples,reported,expected,scale,completeness,lower_bound,trusted");
        assertThat(csv).contains("\"a,0\",pay,4,2,2.000,").contains("a1,pay,1,0,0.500,").contains("a2,install,1,1,0.900,");
        assertThat(tally.estimate(ReportCompleteness.Rule.defaults()).summary()).contains("of 3 advertiser x action pairs");
    }

    @Test
    void badInputIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new ReportCompleteness.Rule(0, 0.9)).hasMessageContaining("'reliable_threshold'");
        assertThatThrownBy(() -> new ReportCompleteness.Rule(0.5, 1)).hasMessageContaining("'reliable_credibility'");
        assertThatThrownBy(() -> new ReportCompleteness.Tally(3, 2).add(batch(), new float[3])).hasMessageContaining("3 probabilities");
    }

    /** One action, one advertiser per entry; each advertiser targets another action (action 1, not counted). */
    private static ReportCompleteness of(long[] reported, double[] expected, ReportCompleteness.Rule rule) {
        ReportCompleteness.Tally tally = new ReportCompleteness.Tally(reported.length, 2);
        for (int a = 0; a < reported.length; a++) {
            // n rows with probability expected/n each, reported of them converting.
            int n = (int) Math.max(reported[a], Math.ceil(expected[a]));
            byte[] labels = new byte[2 * n];
            float[] p = new float[2 * n];
            int[] advertiser = new int[n];
            int[] target = new int[n];
            for (int i = 0; i < n; i++) {
                labels[2 * i] = (byte) (i < reported[a] ? 1 : 0);
                p[2 * i] = (float) (expected[a] / n);
                advertiser[i] = a;
                target[i] = 1;
            }
            tally.add(new Batch(n, 0, 0, 2, new int[0], new float[0], labels, target, advertiser, new int[n], null), p);
        }
        return tally.estimate(rule);
    }
}
