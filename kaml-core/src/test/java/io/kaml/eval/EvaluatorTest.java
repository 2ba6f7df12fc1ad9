package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kaml.eval.MetricsReport.ActionMetrics;
import io.kaml.eval.MetricsReport.TruthActionMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Eight samples, two actions (0 = buy, 1 = reg), three advertisers. Scores sit mid-bin (x.x5) so
 * the ten ECE bins are unambiguous in float.
 *
 * <pre>
 *  i  target adv  score[buy, reg]  observed[buy, reg]  true[buy, reg]  p_true[buy, reg]
 *  0  buy    0    0.85  0.15       1   0               1   0           0.80  0.10
 *  1  buy    0    0.45  0.55       0   1               0   1           0.45  0.55
 *  2  buy    1    0.95  0.05       0  -1               0   0           0.90  0.05
 *  3  buy    1    0.25  0.45      -1   0               1   0           0.25  0.45
 *  4  reg    0    0.15  0.75      -1   1               0   1           0.15  0.75
 *  5  reg    2    0.55  0.35       1   0               1   0           0.55  0.35
 *  6  reg    2    0.05  0.45       0   0               0   1           0.05  0.45
 *  7  reg    2    0.65  0.35       0   1               0   1           0.65  0.35
 * </pre>
 */
class EvaluatorTest {

    private static final List<String> ACTIONS = List.of("buy", "reg");
    private static final float[] SCORES = {
        0.85f, 0.15f, 0.45f, 0.55f, 0.95f, 0.05f, 0.25f, 0.45f,
        0.15f, 0.75f, 0.55f, 0.35f, 0.05f, 0.45f, 0.65f, 0.35f};
    private static final byte[] OBSERVED = {1, 0, 0, 1, 0, -1, -1, 0, -1, 1, 1, 0, 0, 0, 0, 1};
    private static final int[] TARGET = {0, 0, 0, 0, 1, 1, 1, 1};
    private static final int[] ADVERTISER = {0, 0, 1, 1, 0, 2, 2, 2};
    private static final byte[] TRUE_LABELS = {1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1};
    private static final float[] TRUE_PROBABILITIES = {
        0.80f, 0.10f, 0.45f, 0.55f, 0.90f, 0.05f, 0.25f, 0.45f,
        0.15f, 0.75f, 0.55f, 0.35f, 0.05f, 0.45f, 0.65f, 0.35f};

    private static Predictions predictions() {
        return new Predictions(ACTIONS, 8, SCORES, OBSERVED, TARGET, ADVERTISER);
    }

    @Test
    void perActionUsesOnlySamplesTargetingTheActionWithKnownLabels() {
        MetricsReport report = Evaluator.evaluate(predictions(), null);
        assertThat(report.actions().keySet()).containsExactly("buy", "reg");

        // buy: rows 0, 1, 2 (row 3's buy label is unknown; rows 4-7 target reg although 5 has buy = 1).
        // scores 0.85 (pos), 0.45, 0.95 (neg): 0.85 beats 0.45, loses to 0.95 -> AUC 1/2.
        // LogLoss = (-ln 0.85 - ln 0.55 - ln 0.05) / 3 = (0.162519 + 0.597837 + 2.995732) / 3 = 1.252029
        ActionMetrics buy = report.actions().get("buy");
        assertThat(buy.n()).isEqualTo(3);
        assertThat(buy.positives()).isEqualTo(1);
        assertThat(buy.auc()).isEqualTo(0.5);
        assertThat(buy.logloss()).isCloseTo(1.252029, within(1e-5));

        // reg: rows 4-7. positives 0.75, 0.35; negatives 0.35, 0.45.
        // 0.75 beats both (2); 0.35 ties 0.35 (1/2) and loses to 0.45 -> 2.5 / 4 = 0.625.
        // LogLoss = (-ln 0.75 - ln 0.65 - ln 0.55 - ln 0.35) / 4
        //         = (0.287682 + 0.430783 + 0.597837 + 1.049822) / 4 = 0.591531
        ActionMetrics reg = report.actions().get("reg");
        assertThat(reg.n()).isEqualTo(4);
        assertThat(reg.positives()).isEqualTo(2);
        assertThat(reg.auc()).isCloseTo(0.625, within(1e-12));
        assertThat(reg.logloss()).isCloseTo(0.591531, within(1e-5));
    }

    @Test
    void allPoolsEachSampleTargetScoreAndLabel() {
        MetricsReport report = Evaluator.evaluate(predictions(), null);
        // Target pairs, row 3 skipped (unknown): positives 0.85, 0.75, 0.35;
        // negatives 0.45, 0.95, 0.35, 0.45.
        // 0.85 beats 0.45, 0.35, 0.45 (3); 0.75 the same (3); 0.35 ties 0.35 (1/2): 6.5 / 12 = 13/24.
        // LogLoss = (3.756088 + 2.366124) / 7 = 0.874602
        assertThat(report.all().n()).isEqualTo(7);
        assertThat(report.all().auc()).isCloseTo(13.0 / 24.0, within(1e-12));
        assertThat(report.all().logloss()).isCloseTo(0.874602, within(1e-5));
    }

    @Test
    void gaucWeighsAdvertisersOnTargetPairs() {
        MetricsReport report = Evaluator.evaluate(predictions(), null);
        // advertiser 0: rows 0, 1, 4 -> positives 0.85, 0.75 above negative 0.45: AUC 1, n 3.
        // advertiser 1: row 2 only (row 3 unknown): one class, skipped.
        // advertiser 2: rows 5, 6, 7 -> positive 0.35 ties 0.35, loses to 0.45: 0.5 / 2 = 0.25, n 3.
        // GAUC = (3 * 1 + 3 * 0.25) / 6 = 0.625
        assertThat(report.gauc()).isCloseTo(0.625, within(1e-12));
    }

    @Test
    void truthOnTheServingDistributionUsesTheSamplesThatTargetEachAction() {
        MetricsReport report = Evaluator.evaluate(predictions(), new Truth(TRUE_LABELS, TRUE_PROBABILITIES));
        assertThat(report.truth().serving().keySet()).containsExactly("buy", "reg");
        // buy on rows 0-3: positives 0.85, 0.25; negatives 0.45, 0.95. 0.85 beats 0.45 only: 1 / 4.
        // prob_mae (|0.85 - 0.80| + |0.95 - 0.90|) / 4 = 0.025.
        // Expected AUC: true p 0.25, 0.45, 0.80, 0.90 in the scores' order; numerator sum over ordered pairs of
        // p_high (1 - p_low) = 0.3375 + 0.6 + 0.44 + 0.675 + 0.495 + 0.18 = 2.7275; denominator P·N − Σp(1−p) =
        // 2.4 × 1.6 − 0.685 = 3.155.
        TruthActionMetrics buy = report.truth().serving().get("buy");
        assertThat(buy.n()).isEqualTo(4);
        assertThat(buy.positives()).isEqualTo(2);
        assertThat(buy.auc()).isCloseTo(0.25, within(1e-12));
        assertThat(buy.expectedAuc()).isCloseTo(2.7275 / 3.155, within(1e-6));
        assertThat(buy.probMae()).isCloseTo(0.025, within(1e-6));
        // reg on rows 4-7: positives 0.75, 0.45, 0.35 (row 7); negative 0.35 (row 5): (1 + 1 + 0.5) / 3.
        TruthActionMetrics reg = report.truth().serving().get("reg");
        assertThat(reg.n()).isEqualTo(4);
        assertThat(reg.positives()).isEqualTo(3);
        assertThat(reg.auc()).isCloseTo(2.5 / 3, within(1e-12));
        assertThat(reg.probMae()).isCloseTo(0, within(1e-7));
    }

    @Test
    void theOffDeploymentTruthBlockUsesEverySampleAgainstTrueLabels() {
        MetricsReport report = Evaluator.evaluate(predictions(), new Truth(TRUE_LABELS, TRUE_PROBABILITIES));
        assertThat(report.truth().everySample().keySet()).containsExactly("buy", "reg");

        // buy over all 8 rows: positives 0.85, 0.25, 0.55; negatives 0.45, 0.95, 0.15, 0.05, 0.65.
        // 0.85 beats 4, 0.25 beats 2 (0.15, 0.05), 0.55 beats 3 (0.45, 0.15, 0.05): 9 / 15 = 0.6.
        // prob_mae: |0.85 - 0.80| + |0.95 - 0.90| = 0.1 over 8 rows = 0.0125.
        // ECE: every score in its own bin, so ECE = mean |p - y|
        //      = (0.15 + 0.45 + 0.95 + 0.75 + 0.15 + 0.45 + 0.05 + 0.65) / 8 = 3.6 / 8 = 0.45.
        TruthActionMetrics buy = report.truth().everySample().get("buy");
        assertThat(buy.n()).isEqualTo(8);
        assertThat(buy.positives()).isEqualTo(3);
        assertThat(buy.auc()).isCloseTo(0.6, within(1e-12));
        assertThat(buy.probMae()).isCloseTo(0.0125, within(1e-6));
        assertThat(buy.ece()).isCloseTo(0.45, within(1e-6));

        // reg over all 8 rows (row 6 is truly 1 though observed 0; row 2 truly 0 though unknown):
        // positives 0.55, 0.75, 0.45 (row 6), 0.35 (row 7); negatives 0.15, 0.05, 0.45 (row 3), 0.35 (row 5).
        // 0.55: 4; 0.75: 4; 0.45: 3 + tie 1/2 = 3.5; 0.35: 2 + tie 1/2 = 2.5 -> 14 / 16 = 0.875.
        // prob_mae: |0.15 - 0.10| = 0.05 over 8 rows = 0.00625.
        // ECE bins: 0 {0.05: y 0} 0.05; 1 {0.15: 0} 0.15; 3 {0.35, 0.35: y 0, 1} |0.35 - 0.5| = 0.15;
        //   4 {0.45, 0.45: y 0, 1} 0.05; 5 {0.55: 1} 0.45; 7 {0.75: 1} 0.25.
        //   ECE = (0.05 + 0.15 + 2 * 0.15 + 2 * 0.05 + 0.45 + 0.25) / 8 = 1.3 / 8 = 0.1625.
        TruthActionMetrics reg = report.truth().everySample().get("reg");
        assertThat(reg.n()).isEqualTo(8);
        assertThat(reg.positives()).isEqualTo(4);
        assertThat(reg.auc()).isCloseTo(0.875, within(1e-12));
        assertThat(reg.probMae()).isCloseTo(0.00625, within(1e-6));
        assertThat(reg.ece()).isCloseTo(0.1625, within(1e-6));
    }

    @Test
    void truthIsAbsentWithoutGroundTruth() {
        assertThat(Evaluator.evaluate(predictions(), null).truth()).isNull();
    }

    @Test
    void subsetsWithOneClassGiveNaNNotAnError() {
        // Every target label is 0: no AUC anywhere, but LogLoss and counts are still defined.
        // LogLoss of a single p = 0.75 with y = 0 is -ln 0.25 = 1.386294.
        var p = new Predictions(List.of("buy"), 1, new float[] {0.75f}, new byte[] {0}, new int[] {0}, new int[] {0});
        MetricsReport report = Evaluator.evaluate(p, null);
        assertThat(report.actions().get("buy").auc()).isNaN();
        assertThat(report.actions().get("buy").logloss()).isCloseTo(1.386294, within(1e-6));
        assertThat(report.all().auc()).isNaN();
        assertThat(report.gauc()).isNaN();
    }

    @Test
    void rejectsTruthOfTheWrongShape() {
        var truth = new Truth(new byte[4], new float[4]);
        assertThatThrownBy(() -> Evaluator.evaluate(predictions(), truth))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truth has 4 cells");
    }
}
