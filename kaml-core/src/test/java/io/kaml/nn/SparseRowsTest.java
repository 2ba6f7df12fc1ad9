package io.kaml.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SparseRowsTest {
    @Test
    void sumsRepeatedRowsInFirstTouchedOrderAndGrows() {
        SparseRows rows = new SparseRows(2, 1);
        for (int i = 0; i < 100; i++) {
            int row = (i * 37) % 50 + 1_000_000;
            rows.add(row, new float[] {1f, i}, 0);
        }
        assertThat(rows.count()).isEqualTo(50);
        for (int s = 0; s < 50; s++) {
            assertThat(rows.row(s)).isEqualTo((s * 37) % 50 + 1_000_000);
            assertThat(rows.values()[2 * s]).isEqualTo(2f);
            assertThat(rows.values()[2 * s + 1]).isEqualTo(s + (s + 50));
        }
    }

    @Test
    void clearForgetsRowsAndZeroesTheirValues() {
        SparseRows rows = new SparseRows(3, 4);
        rows.add(7, new float[] {1, 2, 3}, 0);
        rows.add(9, new float[] {0, 0, 0, 4, 5, 6}, 3);
        rows.clear();
        assertThat(rows.count()).isZero();
        rows.add(9, new float[] {1, 1, 1}, 0);
        assertThat(rows.count()).isEqualTo(1);
        assertThat(rows.row(0)).isEqualTo(9);
        assertThat(rows.values()).startsWith(1f, 1f, 1f, 0f, 0f, 0f);
    }

    @Test
    void addAllAddsTheOtherSetInItsOrder() {
        SparseRows a = new SparseRows(1, 2);
        SparseRows b = new SparseRows(1, 2);
        a.add(5, new float[] {1}, 0);
        b.add(8, new float[] {2}, 0);
        b.add(5, new float[] {3}, 0);
        a.addAll(b);
        assertThat(a.count()).isEqualTo(2);
        assertThat(a.row(0)).isEqualTo(5);
        assertThat(a.row(1)).isEqualTo(8);
        assertThat(a.values()).startsWith(4f, 2f);
        assertThatThrownBy(() -> a.addAll(new SparseRows(2, 1))).isInstanceOf(IllegalArgumentException.class);
    }
}
