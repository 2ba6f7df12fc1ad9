package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionsTest {

    private static final List<String> TWO = List.of("buy", "reg");

    @Test
    void acceptsConsistentArrays() {
        // n = 2, 2 actions: 4 cells.
        var p = new Predictions(TWO, 2, new float[4], new byte[] {1, -1, 0, 0}, new int[] {1, 0}, new int[2]);
        assertThat(p.n()).isEqualTo(2);
        assertThat(p.actions()).containsExactly("buy", "reg");
    }

    @Test
    void lengthErrorsNameTheField() {
        assertThatThrownBy(() -> new Predictions(TWO, 2, new float[3], new byte[4], new int[2], new int[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("scores has 3 values, expected 4");
        assertThatThrownBy(() -> new Predictions(TWO, 2, new float[4], new byte[5], new int[2], new int[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("labels has 5");
        assertThatThrownBy(() -> new Predictions(TWO, 2, new float[4], new byte[4], new int[1], new int[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("target has 1");
        assertThatThrownBy(() -> new Predictions(TWO, 2, new float[4], new byte[4], new int[2], new int[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("advertiser has 3");
    }

    @Test
    void valueErrorsNameTheFieldAndIndex() {
        assertThatThrownBy(() -> new Predictions(TWO, 2, new float[4], new byte[] {0, 0, 2, 0}, new int[2], new int[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("labels[2] = 2");
        assertThatThrownBy(() -> new Predictions(TWO, 2, new float[4], new byte[4], new int[] {0, 2}, new int[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("target[1] = 2");
        assertThatThrownBy(() -> new Predictions(TWO, 2, new float[4], new byte[4], new int[2], new int[] {-1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("advertiser[0] = -1");
        assertThatThrownBy(() -> new Predictions(List.of("buy", "buy"), 0, new float[0], new byte[0], new int[0], new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unique");
        assertThatThrownBy(() -> new Predictions(List.of(), 0, new float[0], new byte[0], new int[0], new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actions");
    }

    @Test
    void truthChecksItsOwnArrays() {
        assertThatThrownBy(() -> new Truth(new byte[2], new float[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probabilities has 3");
        assertThatThrownBy(() -> new Truth(new byte[] {0, -1}, new float[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("labels[1] = -1");
        assertThatThrownBy(() -> new Truth(new byte[1], new float[] {1.5f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("probabilities[0] = 1.5");
    }
}
