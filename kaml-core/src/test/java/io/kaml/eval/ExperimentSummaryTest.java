package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentSummaryTest {
    private final ExperimentSummary summary = ExperimentSummary.of(ExperimentResults.withPresets(List.of("base", "kaml"), true));

    @Test
    void meanAndSpreadOverSeeds() {
        ExperimentSummary.Group base = summary.group("mmoe", "base");
        // a: 0.70, 0.72, 0.74 -> mean 0.72, sd sqrt((0.02^2 + 0 + 0.02^2) / 2) = 0.02.
        assertThat(base.actions().get("a").auc().mean()).isCloseTo(0.72, within(1e-12));
        assertThat(base.actions().get("a").auc().std()).isCloseTo(0.02, within(1e-12));
        // b: 0.60, NaN, 0.62 -> the undefined seed is left out: mean 0.61, sd sqrt(2 * 0.01^2 / 1).
        assertThat(base.actions().get("b").auc().n()).isEqualTo(2);
        assertThat(base.actions().get("b").auc().mean()).isCloseTo(0.61, within(1e-12));
        assertThat(base.actions().get("b").auc().std()).isCloseTo(Math.sqrt(0.0002), within(1e-12));
        // all = (AUC(a) + 0.8) / 2 per seed -> mean 0.76, sd 0.01.
        assertThat(base.allAuc().mean()).isCloseTo(0.76, within(1e-12));
        assertThat(base.allAuc().std()).isCloseTo(0.01, within(1e-12));
        assertThat(base.gauc().mean()).isCloseTo(0.66, within(1e-12));
        assertThat(base.gauc().std()).isZero();
        assertThat(base.actions().get("a").truthAuc().mean()).isCloseTo(0.82, within(1e-12));
    }

    @Test
    void relaImprAndPairedTestAgainstBase() {
        assertThat(summary.comparisons()).hasSize(1);
        ExperimentSummary.Comparison kaml = summary.comparisons().getFirst();
        assertThat(kaml.preset()).isEqualTo("kaml");
        // a: mean 0.77 over 0.72 -> ((0.27 / 0.22) - 1) * 100 = 22.727...%.
        ExperimentSummary.Difference a = kaml.actions().get("a");
        assertThat(a.relaImpr()).isCloseTo((0.27 / 0.22 - 1) * 100, within(1e-9));
        // Differences 0.05, 0.04, 0.06: mean 0.05, sd 0.01, t = 0.05 / (0.01 / sqrt 3) = 8.660, df 2,
        // and for df 2, p = 1 - t / sqrt(2 + t^2) = 0.01307.
        double t = 0.05 / (0.01 / Math.sqrt(3));
        assertThat(a.test().t()).isCloseTo(t, within(1e-6));
        assertThat(a.test().p()).isCloseTo(1 - t / Math.sqrt(2 + t * t), within(1e-9));
        assertThat(a.test().p()).isCloseTo(0.01307, within(1e-5));
        assertThat(ExperimentSummary.marker(a.test().p())).isEqualTo("*");
        // b: means 0.62 (all three seeds) over 0.61 (two) -> (0.12 / 0.11 - 1) * 100 = 9.09%; the pair
        // of seed 2 is dropped: differences 0.01, -0.02, t = -1/3 with df 1, p = 1 - (2/pi) atan(1/3).
        ExperimentSummary.Difference b = kaml.actions().get("b");
        assertThat(b.relaImpr()).isCloseTo((0.12 / 0.11 - 1) * 100, within(1e-9));
        assertThat(b.test().pairs()).isEqualTo(2);
        assertThat(b.test().t()).isCloseTo(-1.0 / 3, within(1e-9));
        assertThat(b.test().p()).isCloseTo(1 - 2 / Math.PI * Math.atan(1.0 / 3), within(1e-9));
        assertThat(ExperimentSummary.marker(b.test().p())).isEmpty();
        // all: (AUC(a) + 0.8) / 2 -> means 0.785 and 0.76: ((0.285 / 0.26) - 1) * 100.
        assertThat(kaml.all().relaImpr()).isCloseTo((0.285 / 0.26 - 1) * 100, within(1e-9));
        assertThat(kaml.all().test().p()).isCloseTo(a.test().p(), within(1e-9));
    }

    @Test
    void anActionWithoutTestPositivesHasNoAucAndNoComparison() {
        ExperimentSummary.Group base = summary.group("mmoe", "base");
        assertThat(base.actions().get("c").auc().n()).isZero();
        assertThat(base.actions().get("c").auc().mean()).isNaN();
        assertThat(base.actions().get("c").logloss().mean()).isCloseTo(0.01, within(1e-12));
        ExperimentSummary.Difference c = summary.comparisons().getFirst().actions().get("c");
        assertThat(c.relaImpr()).isNaN();
        assertThat(c.test().pairs()).isZero();
        assertThat(c.test().p()).isNaN();
    }

    @Test
    void rarestActionHasTheFewestTestPositivesAmongThoseWithAny() {
        assertThat(summary.rarest()).isEqualTo(new ExperimentSummary.Rarest("b", 5, 100));
        assertThat(summary.unmeasured()).containsExactly("c");
    }

    @Test
    void withoutBaseThereAreNoComparisons() {
        ExperimentSummary noBase = ExperimentSummary.of(ExperimentResults.withPresets(List.of("adm", "kaml"), false));
        assertThat(noBase.hasBase()).isFalse();
        assertThat(noBase.comparisons()).isEmpty();
        assertThat(noBase.group("mmoe", "adm").actions().get("a").truthAuc()).isNull();
    }
}
