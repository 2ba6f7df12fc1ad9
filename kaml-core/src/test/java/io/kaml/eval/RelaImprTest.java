package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RelaImprTest {

    @Test
    void percentImprovementAboveRandom() {
        // ((0.75 - 0.5) / (0.70 - 0.5) - 1) * 100 = (1.25 - 1) * 100 = +25
        assertThat(RelaImpr.of(0.75, 0.70)).isCloseTo(25.0, within(1e-9));
        // ((0.70 - 0.5) / (0.75 - 0.5) - 1) * 100 = (0.8 - 1) * 100 = -20
        assertThat(RelaImpr.of(0.70, 0.75)).isCloseTo(-20.0, within(1e-9));
        // ((0.9133 - 0.5) / (0.9116 - 0.5) - 1) * 100 = (0.4133 / 0.4116 - 1) * 100 = 0.413022
        assertThat(RelaImpr.of(0.9133, 0.9116)).isCloseTo(0.413022, within(1e-6));
        assertThat(RelaImpr.of(0.8, 0.8)).isEqualTo(0.0);
    }

    @Test
    void undefinedCasesAreNaN() {
        assertThat(RelaImpr.of(0.8, 0.5)).isNaN();
        assertThat(RelaImpr.of(0.8, 0.4)).isNaN();
        assertThat(RelaImpr.of(Double.NaN, 0.7)).isNaN();
        assertThat(RelaImpr.of(0.7, Double.NaN)).isNaN();
    }

    @Test
    void valueThatIsNoAucThrows() {
        assertThatThrownBy(() -> RelaImpr.of(1.2, 0.7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aucModel");
        assertThatThrownBy(() -> RelaImpr.of(0.7, -0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aucBase");
    }
}
