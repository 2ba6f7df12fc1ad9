package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kaml.data.Batch;
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
    void targetsUseEachSamplesTargetActionAndSkipUnknownLabels() {
        // Three samples, two actions; sample 2's target label is unknown.
        Batch batch = new Batch(3, 0, 0, 2, new int[0], new float[0], new byte[] {1, 0, 0, 0, 1, Batch.UNKNOWN},
                new int[] {0, 1, 1}, new int[3], new int[3], null);
        float[] scores = {0.9f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f};
        ReliabilityCurve curve = ReliabilityCurve.ofTargets(scores, batch, 1);
        assertThat(curve.bins()).singleElement().satisfies(b -> {
            assertThat(b.count()).isEqualTo(2);
            assertThat(b.meanPredicted()).isCloseTo(0.6, within(1e-6));
            assertThat(b.observedRate()).isEqualTo(0.5);
        });
    }

    @Test
    void badInputsAreNamed() {
        assertThatThrownBy(() -> ReliabilityCurve.of(new float[] {1.5f}, new boolean[] {true}, 2)).hasMessageContaining("probabilities[0]");
        assertThatThrownBy(() -> ReliabilityCurve.of(new float[1], new boolean[2], 2)).hasMessageContaining("labels has 2");
        assertThatThrownBy(() -> ReliabilityCurve.of(new float[1], new boolean[1], 0)).hasMessageContaining("bins");
    }
}
