package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReliabilityCurveTest {

    @Test
    void equalCountBinsInOrderOfPrediction() {
        ReliabilityCurve curve = ReliabilityCurve.of(new float[] {0.4f, 0.1f, 0.3f, 0.2f, 0.9f, 0.8f},
                new boolean[] {true, false, false, false, true, true}, 3);
        assertThat(curve.bins()).hasSize(3);
        assertThat(curve.bins().get(0).meanPredicted()).isCloseTo(0.15, within(1e-6));
        assertThat(curve.bins().get(0).observedRate()).isZero();
        assertThat(curve.bins().get(1).meanPredicted()).isCloseTo(0.35, within(1e-6));
        assertThat(curve.bins().get(1).observedRate()).isEqualTo(0.5);
        assertThat(curve.bins().get(2).observedRate()).isEqualTo(1.0);
        assertThat(curve.bins()).allSatisfy(b -> assertThat(b.count()).isEqualTo(2));
    }

    @Test
    void fewerSamplesThanBinsGiveFewerBins() {
        assertThat(ReliabilityCurve.of(new float[] {0.5f, 0.5f}, new boolean[] {true, false}, 10).bins()).hasSize(2);
        assertThat(ReliabilityCurve.of(new float[0], new boolean[0], 10).bins()).isEmpty();
    }

    @Test
    void theMeanOfSeveralRunsAveragesBinByBin() {
        // Run A: 0.1, 0.2 | 0.3, 0.4 -> bins (0.15, 0), (0.35, 1); run B sorted: 0.0 no, 0.2 yes | 0.4 no, 0.6 no -> (0.1, 0.5), (0.5, 0).
        ReliabilityCurve a = ReliabilityCurve.of(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, new boolean[] {false, false, true, true}, 2);
        ReliabilityCurve b = ReliabilityCurve.of(new float[] {0.2f, 0.6f, 0.4f, 0.0f}, new boolean[] {true, false, false, false}, 2);
        List<ReliabilityCurve.Bin> mean = ReliabilityCurve.mean(List.of(a, b)).bins();
        assertThat(mean).hasSize(2);
        assertThat(mean.get(0).meanPredicted()).isCloseTo(0.125, within(1e-6));
        assertThat(mean.get(0).observedRate()).isEqualTo(0.25);
        assertThat(mean.get(1).meanPredicted()).isCloseTo(0.425, within(1e-6));
        assertThat(mean.get(1).observedRate()).isEqualTo(0.5);
        assertThat(mean).allSatisfy(bin -> assertThat(bin.count()).isEqualTo(2));
    }

    @Test
    void onlyCurvesOfTheSameSamplesAverage() {
        ReliabilityCurve four = ReliabilityCurve.of(new float[4], new boolean[4], 2);
        ReliabilityCurve five = ReliabilityCurve.of(new float[5], new boolean[5], 2);
        assertThatThrownBy(() -> ReliabilityCurve.mean(List.of(four, five))).hasMessageContaining("[2, 2] and [2, 3]");
        assertThatThrownBy(() -> ReliabilityCurve.mean(List.of())).hasMessageContaining("no curves");
    }

    @Test
    void badInputsAreNamed() {
        assertThatThrownBy(() -> ReliabilityCurve.of(new float[] {1.5f}, new boolean[] {true}, 2)).hasMessageContaining("probabilities[0]");
        assertThatThrownBy(() -> ReliabilityCurve.of(new float[1], new boolean[2], 2)).hasMessageContaining("labels has 2");
        assertThatThrownBy(() -> ReliabilityCurve.of(new float[1], new boolean[1], 0)).hasMessageContaining("bins");
    }
}
