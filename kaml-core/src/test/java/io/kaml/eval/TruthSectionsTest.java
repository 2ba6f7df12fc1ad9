package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TruthSectionsTest {
    /** One seed, so p is the normal test of mean / sqrt(variance). */
    private static ExperimentSummary.Difference difference(double mean, double variance, TestCount count) {
        return new ExperimentSummary.Difference(Double.NaN, AucEstimate.of(new double[] {mean}, new double[] {variance}), count);
    }

    @Test
    void theSentenceSaysWhereAPresetIsAboveAndBelowBaseAndWhatIsUndecided() {
        TestCount decidable = new TestCount(1000, 100);
        Map<String, ExperimentSummary.Difference> actions = new LinkedHashMap<>();
        // z = 5 and -5: p far below 0.05; z = 0.1: p 0.92; a z of 5 on 8 positives is still undecided.
        actions.put("activation", difference(0.05, 0.0001, decidable));
        actions.put("registration", difference(0.04, 0.000064, decidable));
        actions.put("payment", difference(-0.05, 0.0001, decidable));
        actions.put("retention", difference(0.001, 0.0001, decidable));
        actions.put("purchase", difference(0.05, 0.0001, new TestCount(1000, 8)));
        actions.put("other", difference(Double.NaN, Double.NaN, new TestCount(1000, 0)));
        String sentence = TruthSections.reading(new ExperimentSummary.Comparison("mmoe", "kaml", actions, null), "base");
        assertThat(sentence).isEqualTo("On the true labels, kaml on mmoe is significantly above base (p < 0.05) on activation and "
                + "registration; significantly below base (p < 0.05) on payment; not significantly different from base on retention; "
                + "undecided on purchase (8 positives), fewer than the 30 a verdict needs; untested on other (no defined AUC).");
    }

    @Test
    void clausesWithoutActionsAreLeftOut() {
        Map<String, ExperimentSummary.Difference> actions = Map.of("a", difference(0.001, 0.0001, new TestCount(1000, 100)));
        assertThat(TruthSections.reading(new ExperimentSummary.Comparison("ple", "adm", actions, null), "base"))
                .isEqualTo("On the true labels, adm on ple is not significantly different from base on a.");
    }
}
