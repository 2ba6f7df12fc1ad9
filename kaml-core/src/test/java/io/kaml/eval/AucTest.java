package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AucTest {

    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void tieBetweenPositiveAndNegativeEarnsHalfCredit() {
        // positives 0.8, 0.4; negatives 0.4, 0.3, 0.1 -> 2 * 3 = 6 pairs.
        // 0.8 beats all three negatives: 3. 0.4 ties 0.4 (1/2), beats 0.3 and 0.1: 2.5.
        // AUC = 5.5 / 6 = 11/12.
        // By ranks: ascending 0.1->1, 0.3->2, 0.4,0.4->3.5 each, 0.8->5; R+ = 5 + 3.5 = 8.5,
        // U = 8.5 - 2*3/2 = 5.5.
        float[] scores = {0.8f, 0.4f, 0.4f, 0.3f, 0.1f};
        boolean[] labels = {T, T, F, F, F};
        assertThat(Auc.of(scores, labels)).isCloseTo(11.0 / 12.0, within(1e-15));
    }

    @Test
    void oneClassOrEmptyIsNaN() {
        assertThat(Auc.of(new float[] {0.1f, 0.9f}, new boolean[] {T, T})).isNaN();
        assertThat(Auc.of(new float[] {0.1f, 0.9f}, new boolean[] {F, F})).isNaN();
        assertThat(Auc.of(new float[0], new boolean[0])).isNaN();
    }

    @Test
    void allTiedIsOneHalf() {
        // Every one of the 2 * 2 pairs is a tie worth 1/2: AUC = 2 / 4.
        assertThat(Auc.of(new float[] {0.3f, 0.3f, 0.3f, 0.3f}, new boolean[] {T, F, T, F})).isEqualTo(0.5);
    }

    @Test
    void perfectAndInvertedRanking() {
        float[] scores = {0.9f, 0.7f, 0.2f, 0.1f};
        assertThat(Auc.of(scores, new boolean[] {T, T, F, F})).isEqualTo(1.0);
        assertThat(Auc.of(scores, new boolean[] {F, F, T, T})).isEqualTo(0.0);
    }

    @Test
    void negativeScoresKeepTheirNumericOrder() {
        // Logits -1 > -2 > -3 > -4. Positive -1 beats negatives -2 and -4 (2); positive -3 beats -4
        // only (1): 3/4. Sorting raw float bits as signed ints reverses the negatives and gives 1/4.
        assertThat(Auc.of(new float[] {-1f, -2f, -3f, -4f}, new boolean[] {T, F, T, F})).isEqualTo(0.75);
        assertThat(Auc.of(new float[] {-1f, -2f, -3f}, new boolean[] {T, F, F})).isEqualTo(1.0);
        assertThat(Auc.of(new float[] {-1f, 2f}, new boolean[] {T, F})).isEqualTo(0.0);
    }

    @Test
    void negativeZeroTiesWithZero() {
        // -0.0 == 0.0, so the single pair is a tie: 1/2.
        assertThat(Auc.of(new float[] {-0.0f, 0.0f}, new boolean[] {T, F})).isEqualTo(0.5);
        assertThat(Auc.of(new float[] {0.0f, -0.0f}, new boolean[] {T, F})).isEqualTo(0.5);
    }

    @Test
    void agreesWithBruteForcePairCountOnRandomDataWithTies() {
        var random = new Random(20251213L);
        int n = 2000;
        float[] scores = new float[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            // 40 distinct levels over 2000 samples: many ties, within and across classes.
            scores[i] = random.nextInt(40) / 40f;
            labels[i] = random.nextDouble() < scores[i] * 0.6 + 0.1;
        }
        double expected = bruteForce(scores, labels);
        assertThat(expected).isBetween(0.55, 0.95);
        assertThat(Auc.of(scores, labels)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void rowSubsetEqualsAucOfTheGatheredSubset() {
        var random = new Random(7L);
        int n = 500;
        float[] scores = new float[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextInt(20);
            labels[i] = random.nextBoolean();
        }
        int[] rows = random.ints(200, 0, n).toArray();
        float[] subsetScores = new float[rows.length];
        boolean[] subsetLabels = new boolean[rows.length];
        for (int k = 0; k < rows.length; k++) {
            subsetScores[k] = scores[rows[k]];
            subsetLabels[k] = labels[rows[k]];
        }
        double subset = Auc.of(scores, labels, rows);
        assertThat(subset).isCloseTo(bruteForce(subsetScores, subsetLabels), within(1e-12));
        assertThat(subset).isNotCloseTo(Auc.of(scores, labels), within(1e-6));
    }

    @Test
    void rejectsInvalidInput() {
        assertThatThrownBy(() -> Auc.of(new float[2], new boolean[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels has 3");
        assertThatThrownBy(() -> Auc.of(new float[] {0.1f, Float.NaN}, new boolean[] {T, F}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1 is NaN");
        assertThatThrownBy(() -> Auc.of(new float[2], new boolean[2], new int[] {0, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows[1] = 2");
    }

    /** Reference AUC: every (positive, negative) pair, 1 if ordered, 1/2 if tied. */
    private static double bruteForce(float[] scores, boolean[] labels) {
        double credit = 0;
        long pairs = 0;
        for (int p = 0; p < scores.length; p++) {
            if (!labels[p]) {
                continue;
            }
            for (int q = 0; q < scores.length; q++) {
                if (labels[q]) {
                    continue;
                }
                pairs++;
                if (scores[p] > scores[q]) {
                    credit += 1;
                } else if (scores[p] == scores[q]) {
                    credit += 0.5;
                }
            }
        }
        return credit / pairs;
    }
}
