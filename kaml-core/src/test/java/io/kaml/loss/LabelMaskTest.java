package io.kaml.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaml.data.Batch;
import org.junit.jupiter.api.Test;

class LabelMaskTest {
    // 3 samples x 3 actions; targets 0, 2, 1; sample 1 has action 1 unknown.
    private static final Batch BATCH = new Batch(3, 0, 0, 3, new int[0], new float[0],
            new byte[] {1, 0, 0, 0, Batch.UNKNOWN, 1, 0, 1, 0}, new int[] {0, 2, 1}, new int[3], new int[3], null);

    @Test
    void targetMaskKeepsOnlyTheTargetLabel() {
        float[] mask = new float[9];
        LabelMask.target().fill(BATCH, new int[] {0, 1, 2}, 0, 3, mask);
        assertThat(mask).containsExactly(1, 0, 0, 0, 0, 1, 0, 1, 0);
    }

    @Test
    void allMaskKeepsEveryReportedLabel() {
        float[] mask = new float[9];
        LabelMask.all().fill(BATCH, new int[] {0, 1, 2}, 0, 3, mask);
        assertThat(mask).containsExactly(1, 1, 1, 1, 0, 1, 1, 1, 1);
    }

    @Test
    void fillsASliceOfPermutedRows() {
        float[] mask = new float[6];
        LabelMask.target().fill(BATCH, new int[] {2, 0, 1}, 1, 3, mask);
        assertThat(mask).containsExactly(1, 0, 0, 0, 0, 1);
    }

    @Test
    void parsesKeys() {
        assertThat(LabelMask.Kind.parse("all")).isEqualTo(LabelMask.Kind.ALL);
        assertThatThrownBy(() -> LabelMask.Kind.parse("adm2")).hasMessageContaining("unknown mask 'adm2'");
    }
}
