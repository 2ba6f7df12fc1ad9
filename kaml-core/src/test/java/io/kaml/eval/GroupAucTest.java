package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GroupAucTest {

    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void weightsByCountAndSkipsSingleClassGroups() {
        // Groups are interleaved on purpose.
        // group 7: positives 0.9, 0.3; negatives 0.5, 0.1. 0.9 beats both (2), 0.3 beats 0.1 (1): 3/4.
        // group 2: positive 0.2, negative 0.7: 0/1.
        // group 5: three negatives: no AUC, skipped, and its 3 samples are not in the denominator.
        // GAUC = (4 * 0.75 + 2 * 0) / (4 + 2) = 0.5.
        // (Counting group 5 in the denominator would give 3/9; an unweighted mean 0.375.)
        float[] scores = {0.9f, 0.2f, 0.4f, 0.3f, 0.7f, 0.5f, 0.6f, 0.1f, 0.8f};
        boolean[] labels = {T, T, F, T, F, F, F, F, F};
        int[] group = {7, 2, 5, 7, 2, 7, 5, 7, 5};
        assertThat(GroupAuc.of(scores, labels, group)).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void groupIdsNeedNotBeDenseOrPositive() {
        // group -3: positive 0.9 above negative 0.1: 1, n = 2.
        // group 1_000_000: positive 0.5 below negative 0.9, above negative 0.2: 1/2, n = 3.
        // GAUC = (2 * 1 + 3 * 0.5) / 5 = 0.7 (the pooled AUC would be 4.5 / 6 = 0.75).
        float[] scores = {0.9f, 0.1f, 0.5f, 0.9f, 0.2f};
        boolean[] labels = {T, F, T, F, F};
        int[] group = {-3, -3, 1_000_000, 1_000_000, 1_000_000};
        assertThat(GroupAuc.of(scores, labels, group)).isCloseTo(0.7, within(1e-15));
    }

    @Test
    void noQualifyingGroupIsNaN() {
        // Each group holds one class only.
        assertThat(GroupAuc.of(new float[] {0.1f, 0.9f, 0.5f}, new boolean[] {T, F, F}, new int[] {0, 1, 1}))
                .isNaN();
        assertThat(GroupAuc.of(new float[0], new boolean[0], new int[0])).isNaN();
    }

    @Test
    void rejectsMismatchedLengths() {
        assertThatThrownBy(() -> GroupAuc.of(new float[2], new boolean[2], new int[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length");
    }

    @Test
    void renumberingTheGroupsGivesTheSameBits() {
        java.util.Random random = new java.util.Random(9);
        int n = 5000;
        float[] scores = new float[n];
        boolean[] labels = new boolean[n];
        int[] group = new int[n];
        int[] renumbered = new int[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextFloat();
            labels[i] = random.nextFloat() < 0.2;
            group[i] = random.nextInt(97);
            renumbered[i] = (group[i] * 31 + 7) % 97;
        }
        assertThat(GroupAuc.of(scores, labels, renumbered)).isEqualTo(GroupAuc.of(scores, labels, group));
    }
}
