package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaml.data.Batch;
import org.junit.jupiter.api.Test;

class TestTargetsTest {

    @Test
    void keepsEachSamplesTargetLabelAndScore() {
        // Three samples, two actions; targets 1, 0, 1; the last sample's target label is unknown.
        byte[] labels = {0, 1, 1, 0, 0, Batch.UNKNOWN};
        Batch split = new Batch(3, 0, 0, 2, new int[0], new float[0], labels, new int[] {1, 0, 1}, new int[3], new int[3], null);
        TestTargets test = TestTargets.of(split);
        assertThat(test.label()).containsExactly(1, 1, Batch.UNKNOWN);
        assertThat(test.targetScores(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f})).containsExactly(0.2f, 0.3f, 0.6f);
        assertThat(test.rows(1)).containsExactly(0);
        assertThat(test.rows(0)).containsExactly(1);
        assertThat(test.allRows()).containsExactly(0, 1);
        assertThat(test.positive(new int[] {0, 1})).containsExactly(true, true);
        assertThatThrownBy(() -> test.targetScores(new float[5])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TestTargets(2, new int[] {2}, new byte[] {0})).hasMessageContaining("target[0] = 2");
    }
}
