package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogLossTest {

    @Test
    void meanCrossEntropyByHand() {
        // p = 0.5, 0.25, 0.75 (exact in float), y = 1, 0, 0:
        // -ln 0.5 = 0.693147, -ln(1 - 0.25) = 0.287682, -ln(1 - 0.75) = 1.386294
        // sum 2.367124 / 3 = 0.789041
        double loss = LogLoss.of(new float[] {0.5f, 0.25f, 0.75f}, new boolean[] {true, false, false});
        assertThat(loss).isCloseTo(0.789041, within(1e-6));
    }

    @Test
    void certainWrongPredictionIsClippedNotInfinite() {
        // p = 0 with y = 1 is clipped to 1e-7: -ln 1e-7 = 7 ln 10 = 16.118096.
        assertThat(LogLoss.of(new float[] {0f}, new boolean[] {true})).isCloseTo(16.118096, within(1e-6));
        // p = 1 with y = 0 is clipped to 1 - 1e-7: -ln(1e-7) again.
        assertThat(LogLoss.of(new float[] {1f}, new boolean[] {false})).isCloseTo(16.118096, within(1e-6));
        // p = 1 with y = 1: -ln(1 - 1e-7) = 1.0e-7, not 0.
        assertThat(LogLoss.of(new float[] {1f}, new boolean[] {true})).isCloseTo(1.0e-7, within(1e-12));
    }

    @Test
    void emptyIsNaN() {
        assertThat(LogLoss.of(new float[0], new boolean[0])).isNaN();
    }

    @Test
    void rejectsInvalidInput() {
        assertThatThrownBy(() -> LogLoss.of(new float[1], new boolean[2]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogLoss.of(new float[] {Float.NaN}, new boolean[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0 is NaN");
    }
}
