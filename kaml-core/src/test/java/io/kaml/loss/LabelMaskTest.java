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
    void reliableMaskTrustsTheTargetAndThePairsItsEstimateTrusts() {
        // Advertisers 0..2 (sample i is advertiser i); advertiser 0 reports completely (10 of 10 expected of every
        // non-target action), advertiser 1 a tenth (1 of 10), advertiser 2 nothing off its target; only advertiser 0 is
        // trusted. Their targets are those of BATCH's samples: 0, 2, 1.
        ReportCompleteness.Tally tally = new ReportCompleteness.Tally(3, 3);
        for (int a = 0; a < 3; a++) {
            int n = 10;
            byte[] labels = new byte[3 * n];
            float[] p = new float[3 * n];
            int[] advertiser = new int[n];
            int[] target = new int[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < 3; j++) {
                    labels[3 * i + j] = (byte) (a == 0 || a == 1 && i == 0 ? 1 : 0);
                    p[3 * i + j] = 1f;
                }
                advertiser[i] = a;
                target[i] = new int[] {0, 2, 1}[a];
            }
            tally.add(new Batch(n, 0, 0, 3, new int[0], new float[0], labels, target, advertiser, new int[n], null), p);
        }
        LabelMask mask = LabelMask.reliable(tally.estimate(ReportCompleteness.Rule.defaults()));
        Batch batch = new Batch(3, 0, 0, 3, new int[0], new float[0], new byte[] {1, 0, 0, 0, Batch.UNKNOWN, 1, 0, 1, 0},
                new int[] {0, 2, 1}, new int[] {0, 1, 2}, new int[3], null);
        float[] m = new float[9];
        mask.fill(batch, new int[] {0, 1, 2}, 0, 3, m);
        // Sample 0 (advertiser 0, trusted): every known label; samples 1 and 2: the target's only.
        assertThat(m).containsExactly(1, 1, 1, 0, 0, 1, 0, 1, 0);
        assertThat(mask.kind()).isEqualTo(LabelMask.Kind.RELIABLE);
        assertThat(mask.toString()).isEqualTo("reliable(threshold=0.5, credibility=0.9)");
    }

    @Test
    void parsesKeys() {
        assertThat(LabelMask.Kind.parse("reliable")).isEqualTo(LabelMask.Kind.RELIABLE);
        assertThat(LabelMask.Kind.parse("all")).isEqualTo(LabelMask.Kind.ALL);
        assertThatThrownBy(() -> LabelMask.Kind.parse("adm2")).hasMessageContaining("unknown mask 'adm2'");
    }
}
