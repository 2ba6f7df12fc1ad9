package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchTest {
    /** Three rows of 2 categorical fields, 1 numerical, 2 actions, with ids. */
    private static final Batch ROWS = new Batch(3, 2, 1, 2,
            new int[] {1, 2, 3, 4, 5, 6}, new float[] {0.5f, 1.5f, 2.5f}, new byte[] {1, 0, 0, Batch.UNKNOWN, 1, 1},
            new int[] {0, 1, 0}, new int[] {7, 8, 9}, new int[] {10, 11, 12}, new String[] {"a", "b", "c"});

    @Test
    void gatherCopiesRowsInTheGivenOrder() {
        Batch g = ROWS.gather(new int[] {9, 2, 0, 9}, 1, 3);
        assertThat(g.size()).isEqualTo(2);
        assertThat(g.categorical()).containsExactly(5, 6, 1, 2);
        assertThat(g.numerical()).containsExactly(2.5f, 0.5f);
        assertThat(g.labels()).containsExactly(1, 1, 1, 0);
        assertThat(g.target()).containsExactly(0, 0);
        assertThat(g.advertiser()).containsExactly(9, 7);
        assertThat(g.day()).containsExactly(12, 10);
        assertThat(g.ids()).containsExactly("c", "a");
    }

    @Test
    void concatPutsRowsOneAfterAnother() {
        Batch c = Batch.concat(List.of(ROWS.gather(new int[] {2}, 0, 1), ROWS.gather(new int[] {0, 1}, 0, 2)));
        assertThat(c.size()).isEqualTo(3);
        assertThat(c.categorical()).containsExactly(5, 6, 1, 2, 3, 4);
        assertThat(c.labels()).containsExactly(1, 1, 1, 0, 0, Batch.UNKNOWN);
        assertThat(c.ids()).containsExactly("c", "a", "b");
        Batch noIds = new Batch(1, 2, 1, 2, new int[2], new float[1], new byte[2], new int[1], new int[1], new int[1], null);
        assertThatThrownBy(() -> Batch.concat(List.of(ROWS, noIds))).isInstanceOf(IllegalArgumentException.class);
    }
}
