package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kaml.data.Batch;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seven test samples: 0–3 target action 0 (labels 1, 0, 0, 1), 4–5 target action 1 (0, 1), 6 targets action 0
 * with an unknown label, which no calibration counts.
 */
class CalibrationsTest {
    private static final TestTargets TEST = new TestTargets(2, new int[] {0, 0, 0, 0, 1, 1, 0},
            new byte[] {1, 0, 0, 1, 0, 1, Batch.UNKNOWN});
    private static final ExperimentResult.Run SEED_1 = run(1, new float[] {0.9f, 0.2f, 0.1f, 0.6f, 0.3f, 0.8f, 0.5f});
    private static final ExperimentResult.Run SEED_2 = run(2, new float[] {0.8f, 0.4f, 0.2f, 0.3f, 0.1f, 0.5f, 0.5f});
    private final Calibrations calibrations = new Calibrations(TEST);

    private static ExperimentResult.Run run(long seed, float[] targetScores) {
        // Calibration reads the target scores only.
        return new ExperimentResult.Run("base", "mmoe", seed, null, new TrainingCurve(List.of()), 1, 0, targetScores, null);
    }

    @Test
    void eachActionsCurveIsOnTheSamplesThatTargetIt() {
        // Action 0: 0.9 yes, 0.2 no, 0.1 no, 0.6 yes; 4 samples in 10 equal-count bins are 4 bins of one, in order.
        assertThat(calibrations.curve(SEED_1, 0).bins()).extracting(ReliabilityCurve.Bin::observedRate).containsExactly(0.0, 0.0, 1.0, 1.0);
        assertThat(calibrations.curve(SEED_1, 0).bins()).extracting(ReliabilityCurve.Bin::meanPredicted)
                .containsExactly((double) 0.1f, (double) 0.2f, (double) 0.6f, (double) 0.9f);
        // Action 1: 0.3 no, 0.8 yes. Row 6's score 0.5 is in neither.
        assertThat(calibrations.curve(SEED_1, 1).bins()).extracting(ReliabilityCurve.Bin::meanPredicted).containsExactly((double) 0.3f,
                (double) 0.8f);
        assertThat(calibrations.curve(SEED_1, Calibrations.ALL).bins()).hasSize(6);
    }

    @Test
    void eachActionsEceIsOnTheSamplesThatTargetIt() {
        // Action 0: every sample alone in its tenth of [0, 1]: (|0.9 - 1| + |0.2 - 0| + |0.1 - 0| + |0.6 - 1|) / 4 = 0.8 / 4.
        assertThat(calibrations.ece(SEED_1, 0)).isCloseTo(0.2, within(1e-6));
        // Action 1: (|0.3 - 0| + |0.8 - 1|) / 2.
        assertThat(calibrations.ece(SEED_1, 1)).isCloseTo(0.25, within(1e-6));
        // All: 0.8 and 0.9 share the bin [0.8, 0.9) (0.9f is just below 0.9): |1.7 - 2| + 0.2 + 0.1 + 0.4 + 0.3 over 6 samples.
        assertThat(calibrations.ece(SEED_1, Calibrations.ALL)).isCloseTo(1.3 / 6, within(1e-6));
    }

    @Test
    void overSeedsTheBinsAndTheEceAreMeans() {
        // Seed 2, action 0: 0.8 yes, 0.4 no, 0.2 no, 0.3 yes -> sorted 0.2 no, 0.3 yes, 0.4 no, 0.8 yes; ECE (0.2 + 0.7 + 0.4 + 0.2) / 4.
        assertThat(calibrations.ece(SEED_2, 0)).isCloseTo(0.375, within(1e-6));
        List<ReliabilityCurve.Bin> mean = calibrations.meanCurve(List.of(SEED_1, SEED_2), 0).bins();
        assertThat(mean).extracting(ReliabilityCurve.Bin::observedRate).containsExactly(0.0, 0.5, 0.5, 1.0);
        assertThat(mean.get(0).meanPredicted()).isCloseTo(0.15, within(1e-6));
        assertThat(mean.get(1).meanPredicted()).isCloseTo(0.25, within(1e-6));
        assertThat(mean.get(2).meanPredicted()).isCloseTo(0.5, within(1e-6));
        assertThat(mean.get(3).meanPredicted()).isCloseTo(0.85, within(1e-6));
        Spread ece = calibrations.ece(List.of(SEED_1, SEED_2), 0);
        assertThat(ece.mean()).isCloseTo(0.2875, within(1e-6));
        assertThat(ece.std()).isCloseTo(0.175 / Math.sqrt(2), within(1e-6));
    }
}
