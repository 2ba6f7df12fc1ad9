package io.kaml.sim;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AliasTableTest {

    @Test
    void drawsEachIndexInProportionToItsWeight() {
        double[] weights = {5, 0, 1, 3, 0.5, 0.5};
        AliasTable table = new AliasTable(weights);
        SplittableRandom rng = new SplittableRandom(3);
        int draws = 400_000;
        int[] counts = new int[weights.length];
        for (int i = 0; i < draws; i++) {
            counts[table.sample(rng)]++;
        }
        for (int i = 0; i < weights.length; i++) {
            assertThat((double) counts[i] / draws).as("index %d", i).isCloseTo(weights[i] / 10, within(0.004));
        }
        assertThat(counts[1]).isZero();
    }

    @Test
    void rejectsWeightsItCannotSampleFrom() {
        assertThatThrownBy(() -> new AliasTable(new double[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AliasTable(new double[] {0, 0})).hasMessageContaining("zero");
        assertThatThrownBy(() -> new AliasTable(new double[] {1, -1})).hasMessageContaining("non-negative");
        assertThatThrownBy(() -> new AliasTable(new double[] {1, Double.NaN})).hasMessageContaining("finite");
    }
}
