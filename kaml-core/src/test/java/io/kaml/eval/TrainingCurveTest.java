package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingCurveTest {
    private static TrainingCurve curve(double[]... points) {
        return new TrainingCurve(java.util.Arrays.stream(points).map(p -> new TrainingCurve.Epoch((int) p[0], p[1], p[2])).toList());
    }

    @Test
    void eachEpochIsSpreadOverTheRunsThatReachedIt() {
        List<TrainingCurve.EpochSpread> spread = TrainingCurve.overRuns(List.of(
                curve(new double[] {1, 0.5, 0.60}, new double[] {2, 0.4, 0.70}),
                curve(new double[] {1, 0.7, 0.62}),
                curve(new double[] {1, 0.6, Double.NaN}, new double[] {2, 0.2, 0.80}, new double[] {3, 0.1, 0.81})));
        assertThat(spread).extracting(TrainingCurve.EpochSpread::epoch).containsExactly(1, 2, 3);
        // Epoch 1: losses 0.5, 0.7, 0.6 -> mean 0.6, sd sqrt((0.01 + 0.01 + 0) / 2) = 0.1; the undefined AUC is left out: (0.60 + 0.62) / 2.
        assertThat(spread.get(0).trainingLoss().mean()).isCloseTo(0.6, within(1e-12));
        assertThat(spread.get(0).trainingLoss().std()).isCloseTo(0.1, within(1e-12));
        assertThat(spread.get(0).trainingLoss().n()).isEqualTo(3);
        assertThat(spread.get(0).validationAuc().mean()).isCloseTo(0.61, within(1e-12));
        assertThat(spread.get(0).validationAuc().n()).isEqualTo(2);
        // Epoch 2: two runs reached it: losses 0.4 and 0.2 -> 0.3, sd sqrt(0.02); epoch 3: one run, no sd.
        assertThat(spread.get(1).trainingLoss().mean()).isCloseTo(0.3, within(1e-12));
        assertThat(spread.get(1).trainingLoss().std()).isCloseTo(Math.sqrt(0.02), within(1e-12));
        assertThat(spread.get(1).validationAuc().mean()).isCloseTo(0.75, within(1e-12));
        assertThat(spread.get(2).trainingLoss().n()).isEqualTo(1);
        assertThat(spread.get(2).trainingLoss().std()).isNaN();
    }

    @Test
    void epochsMustBeInOrder() {
        assertThatThrownBy(() -> curve(new double[] {2, 0.4, 0.7}, new double[] {1, 0.5, 0.6})).hasMessageContaining("2 then 1");
        assertThat(TrainingCurve.overRuns(List.of())).isEmpty();
    }

    @Test
    void theCurvesNameTheMetricTheRunsKeptTheirEpochBy() {
        ExperimentResult r = ExperimentResults.withPresets(List.of("base", "kaml"), false);
        assertThat(TrainingCurve.metric(r)).isEqualTo("\"all\" AUC");
        ObjectNode config = r.config().deepCopy();
        config.putObject("train").put("select_by", "mean-action");
        ExperimentResult meanAction = new ExperimentResult(r.data(), r.truth(), r.actions(), r.presets(), r.backbones(), r.seeds(),
                config, r.runs(), r.audit(), r.test(), r.testTruth());
        assertThat(TrainingCurve.metric(meanAction)).isEqualTo("mean per-action AUC");
        assertThat(TrainingCurveSection.of(meanAction, ExperimentSummary.of(meanAction), "mmoe").paragraphs().getFirst()).contains("the validation mean per-action AUC, by which");
    }
}
