package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kaml.eval.ExperimentSummary.Difference.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On {@link ExperimentResults}: AUC = h / 50 for action a, h / 5 for b; see there for the layout. */
class ExperimentSummaryTest {
    private final ExperimentSummary summary = ExperimentSummary.of(ExperimentResults.withPresets(List.of("base", "kaml"), true));

    @Test
    void meanAndSpreadOverSeeds() {
        ExperimentSummary.Group base = summary.group("mmoe", "base");
        // a: 35, 36, 37 of 50 high -> 0.70, 0.72, 0.74: mean 0.72, sd sqrt((0.02^2 + 0 + 0.02^2) / 2) = 0.02.
        assertThat(base.actions().get("a").auc().mean()).isCloseTo(0.72, within(1e-12));
        assertThat(base.actions().get("a").auc().std()).isCloseTo(0.02, within(1e-12));
        // b: 3 of 5 high in every seed.
        assertThat(base.actions().get("b").auc().mean()).isCloseTo(0.6, within(1e-12));
        assertThat(base.actions().get("b").auc().std()).isZero();
        // all: the 55 positives of a and b against the 165 negatives: (35 + 3) / 55, 39 / 55, 40 / 55.
        assertThat(base.allAuc().mean()).isCloseTo(39.0 / 55, within(1e-12));
        // One advertiser, so GAUC is the "all" AUC.
        assertThat(base.gauc().mean()).isCloseTo(39.0 / 55, within(1e-12));
        // c's negatives all score 0.5: LogLoss ln 2 in every run.
        assertThat(base.actions().get("c").logloss().mean()).isCloseTo(Math.log(2), within(1e-6));
        assertThat(base.actions().get("b").truthAuc().mean()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void theIntervalOfAMeanAucAddsTheTestSampleVarianceToTheSeeds() {
        AucEstimate a = summary.group("mmoe", "base").actions().get("a").interval();
        // Components: h ones and 50 - h zeros over the positives (sample variance h (50 - h) / (50 * 49)), a
        // constant over the negatives; so var(AUC) = h (50 - h) / (50^2 * 49) = 525, 504, 481 / 122,500.
        assertThat(a.testVariance()).isCloseTo((525 + 504 + 481) / 3.0 / 122_500, within(1e-15));
        assertThat(a.seedVariance()).isCloseTo(0.0004 / 3, within(1e-15));
        double total = 0.0004 / 3 + 1510.0 / 3 / 122_500;
        assertThat(a.degreesOfFreedom()).isCloseTo(total * total / (0.0004 / 3 * 0.0004 / 3 / 2), within(1e-6));
        // se = sqrt(0.0042421) = 0.065132, df 2024.6, t quantile 1.961136: 0.72 ± 0.127733.
        assertThat(a.low()).isCloseTo(0.72 - 1.961136 * 0.0651320, within(1e-6));
        assertThat(a.high()).isCloseTo(0.72 + 1.961136 * 0.0651320, within(1e-6));
        assertThat(summary.group("mmoe", "base").actions().get("c").interval().seeds()).isZero();
        // The intervals are computed on the cells Evaluator measures: their means are the reported AUCs.
        ExperimentSummary.Group kaml = summary.group("mmoe", "kaml");
        assertThat(kaml.actions().get("a").interval().mean()).isCloseTo(kaml.actions().get("a").auc().mean(), within(1e-15));
        assertThat(kaml.allInterval().mean()).isCloseTo(kaml.allAuc().mean(), within(1e-15));
    }

    @Test
    void theDifferenceFromBaseCountsSeedsAndTheSharedTestSet() {
        ExperimentSummary.Comparison kaml = summary.comparisons().getFirst();
        assertThat(kaml.preset()).isEqualTo("kaml");
        ExperimentSummary.Difference a = kaml.actions().get("a");
        // kaml a: 42, 42, 45 high -> mean 0.86 over base's 0.72: ((0.36 / 0.22) - 1) * 100 = 63.64%.
        assertThat(a.relaImpr()).isCloseTo((0.36 / 0.22 - 1) * 100, within(1e-9));
        // Differences 0.14, 0.12, 0.16 (7, 6, 8 positives high in kaml only): mean 0.14, s^2 / S = 0.0004 / 3.
        assertThat(a.test().mean()).isCloseTo(0.14, within(1e-12));
        assertThat(a.test().seedVariance()).isCloseTo(0.0004 / 3, within(1e-15));
        // The paired components differ by 1 on those k positives: var = k (50 - k) / (50^2 * 49) = 301, 264, 336 / 122,500,
        // averaged over the seeds, not divided by them.
        assertThat(a.test().testVariance()).isCloseTo((301 + 264 + 336) / 3.0 / 122_500, within(1e-15));
        // se = sqrt(0.0004 / 3 + 0.0024517) = 0.050843, t = 2.7536, df = 751.8: p = 0.00604.
        assertThat(a.test().p()).isCloseTo(0.006037, within(1e-6));
        assertThat(a.count()).isEqualTo(new TestCount(100, 50));
        assertThat(a.verdict()).isEqualTo(Verdict.SIGNIFICANT);
        assertThat(a.marker()).isEqualTo("**");
    }

    @Test
    void aComparisonOnTooFewTestPositivesIsUndecidedWhateverItsP() {
        ExperimentSummary.Difference b = summary.comparisons().getFirst().actions().get("b");
        // b: 0.8, 0.8, 1.0 over 0.6: RelaImpr ((0.8667 - 0.5) / 0.1 - 1) * 100 = 266.67%, and p 0.24 besides.
        assertThat(b.relaImpr()).isCloseTo(((2.6 / 3 - 0.5) / 0.1 - 1) * 100, within(1e-9));
        assertThat(b.count()).isEqualTo(new TestCount(100, 5));
        assertThat(b.verdict()).isEqualTo(Verdict.UNDECIDED);
        assertThat(b.marker()).isEmpty();
        assertThat(b.count().undecided()).isEqualTo("undecided (5 positives)");
    }

    @Test
    void anActionWithoutTestPositivesHasNoAucAndNoComparison() {
        ExperimentSummary.Group base = summary.group("mmoe", "base");
        assertThat(base.actions().get("c").auc().n()).isZero();
        assertThat(base.actions().get("c").auc().mean()).isNaN();
        ExperimentSummary.Difference c = summary.comparisons().getFirst().actions().get("c");
        assertThat(c.relaImpr()).isNaN();
        assertThat(c.test().seeds()).isZero();
        assertThat(c.test().p()).isNaN();
        assertThat(c.verdict()).isEqualTo(Verdict.UNTESTED);
    }

    @Test
    void testCountsPerActionAndRarestAction() {
        // The unknown label of row 220 is left out of a's samples.
        assertThat(summary.tests()).containsExactly(Map.entry("a", new TestCount(100, 50)),
                Map.entry("b", new TestCount(100, 5)), Map.entry("c", new TestCount(20, 0)));
        assertThat(summary.allTest()).isEqualTo(new TestCount(220, 55));
        assertThat(summary.rarest()).isEqualTo(new ExperimentSummary.Rarest("b", 5, 100));
        assertThat(summary.unmeasured()).containsExactly("c");
    }

    @Test
    void onTrueLabelsThatAreTheObservedOnesTheComparisonIsTheObservedOne() {
        ExperimentSummary.Comparison observed = summary.comparisons().getFirst();
        ExperimentSummary.Comparison truth = summary.truthComparisons().getFirst();
        assertThat(truth.preset()).isEqualTo("kaml");
        assertThat(truth.all()).isNull();
        for (String action : List.of("a", "b")) {
            AucEstimate o = observed.actions().get(action).test();
            AucEstimate t = truth.actions().get(action).test();
            assertThat(t.mean()).isCloseTo(o.mean(), within(1e-15));
            assertThat(t.seedVariance()).isCloseTo(o.seedVariance(), within(1e-15));
            // On the samples that target a, 51 true negatives (row 220's label is unknown to the observed side, 0 in truth);
            // their components are all h / 50, as the 50 observed ones are: no variance from them.
            assertThat(t.testVariance()).isCloseTo(o.testVariance(), within(1e-15));
            assertThat(t.p()).isCloseTo(o.p(), within(1e-12));
            assertThat(truth.actions().get(action).relaImpr()).isCloseTo(observed.actions().get(action).relaImpr(), within(1e-9));
        }
        // a: p 0.006037 by hand (see above), decided on 50 true positives among the 101 test samples that target a.
        ExperimentSummary.Difference a = truth.actions().get("a");
        assertThat(a.test().p()).isCloseTo(0.006037, within(1e-6));
        assertThat(a.count()).isEqualTo(new TestCount(101, 50));
        assertThat(a.verdict()).isEqualTo(Verdict.SIGNIFICANT);
        // b: 5 true positives, undecided whatever p is; c: no true positive, no AUC.
        assertThat(truth.actions().get("b").verdict()).isEqualTo(Verdict.UNDECIDED);
        assertThat(truth.actions().get("c").verdict()).isEqualTo(Verdict.UNTESTED);
        assertThat(summary.truthTests()).containsExactly(Map.entry("a", new TestCount(101, 50)), Map.entry("b", new TestCount(100, 5)),
                Map.entry("c", new TestCount(20, 0)));
        // The true-label interval of a mean AUC likewise equals the observed one.
        ExperimentSummary.ActionSpread base = summary.group("mmoe", "base").actions().get("a");
        assertThat(base.truthInterval().low()).isCloseTo(base.interval().low(), within(1e-12));
        assertThat(base.truthInterval().high()).isCloseTo(base.interval().high(), within(1e-12));
    }

    @Test
    void anotherReferenceTestsEveryOtherPresetAgainstIt(@TempDir Path dir) throws Exception {
        ExperimentSummary versusAdm = ExperimentSummary.of(ExperimentResults.withPresets(List.of("base", "adm", "kaml"), false), "adm");
        assertThat(versusAdm.reference()).isEqualTo("adm");
        assertThat(versusAdm.comparisons()).extracting(ExperimentSummary.Comparison::preset).containsExactly("base", "kaml");
        // a: kaml ranks 42, 42, 45 of 50 positives high, adm 36, 37, 38: AUC 0.84 - 0.72, 0.84 - 0.74, 0.90 - 0.76.
        assertThat(versusAdm.comparisons().get(1).actions().get("a").test().mean()).isCloseTo(0.12, within(1e-12));
        assertThat(versusAdm.comparisons().get(0).actions().get("a").test().mean()).isCloseTo(-0.02, within(1e-12));
        String markdown = ExperimentReport.write(ExperimentResults.withPresets(List.of("base", "adm", "kaml"), false), "kaml experiment", dir,
                "adm");
        assertThat(markdown).contains("## RelaImpr over adm", "((AUC - 0.5) / (AUC_adm - 0.5) - 1)", "kaml vs adm on mmoe")
                .doesNotContain("RelaImpr over base");
    }

    @Test
    void withoutBaseThereAreNoComparisons() {
        ExperimentSummary noBase = ExperimentSummary.of(ExperimentResults.withPresets(List.of("adm", "kaml"), false));
        assertThat(noBase.hasBase()).isFalse();
        assertThat(noBase.comparisons()).isEmpty();
        assertThat(noBase.group("mmoe", "adm").actions().get("a").truthAuc()).isNull();
        assertThat(noBase.group("mmoe", "adm").actions().get("a").truthInterval()).isNull();
        assertThat(noBase.truthComparisons()).isEmpty();
        assertThat(noBase.truthTests()).isEmpty();
    }
}
