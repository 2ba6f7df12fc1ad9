package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ExpectedAuc}: by hand, against its definition pair by pair, and as the AUC when probabilities are 0 or 1. */
class ExpectedAucTest {
    /** The definition, pair by pair: O(n²). */
    private static double direct(float[] s, float[] p) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < s.length; i++) {
            for (int k = 0; k < s.length; k++) {
                if (i != k) {
                    double w = (double) p[i] * (1 - p[k]);
                    den += w;
                    num += w * (s[i] > s[k] ? 1 : s[i] == s[k] ? 0.5 : 0);
                }
            }
        }
        return num / den;
    }

    @Test
    void handComputedWithATie() {
        // Pairs i≠k weighted p_i(1 − p_k): numerator 2.49, denominator 3.18 (a tie at 0.4 counts one half).
        float[] s = {0.1f, 0.4f, 0.4f, 0.9f};
        float[] p = {0.2f, 0.5f, 0.1f, 0.8f};
        assertThat(ExpectedAuc.of(s, p)).isCloseTo(2.49 / 3.18, within(1e-6));
    }

    @Test
    void equalsTheDefinitionOnRandomScoresWithTiesAndTheAucOnCertainLabels() {
        SplittableRandom random = new SplittableRandom(4);
        float[] s = new float[300];
        float[] p = new float[300];
        float[] certain = new float[300];
        boolean[] labels = new boolean[300];
        for (int i = 0; i < s.length; i++) {
            s[i] = random.nextInt(40) / 40f;
            p[i] = (float) random.nextDouble();
            labels[i] = random.nextInt(4) == 0;
            certain[i] = labels[i] ? 1f : 0f;
        }
        assertThat(ExpectedAuc.of(s, p)).isCloseTo(direct(s, p), within(1e-9));
        assertThat(ExpectedAuc.of(s, certain)).isCloseTo(Auc.of(s, labels), within(1e-12));
    }

    @Test
    void scoresThatRankByTheTrueProbabilityBeatAnyOtherOrderAndNoSpreadIsUndefined() {
        float[] p = {0.05f, 0.1f, 0.3f, 0.6f, 0.9f};
        double best = ExpectedAuc.of(p.clone(), p);
        assertThat(ExpectedAuc.of(new float[] {0.1f, 0.05f, 0.3f, 0.6f, 0.9f}, p)).isLessThan(best);
        assertThat(ExpectedAuc.of(new float[] {0.9f, 0.6f, 0.3f, 0.1f, 0.05f}, p)).isLessThan(0.5);
        assertThat(ExpectedAuc.of(new float[] {0.1f, 0.2f}, new float[] {1f, 1f})).isNaN();
    }
}
