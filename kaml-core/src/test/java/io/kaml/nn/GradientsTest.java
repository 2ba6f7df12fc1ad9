package io.kaml.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GradientsTest {
    @Test
    void workersShareValuesAndSumTheirOwnGradients() {
        ParameterSet parameters = new ParameterSet();
        Parameter weight = parameters.addDense("w", 2, 3);
        Parameter table = parameters.addSparse("t", 100, 2);
        assertThat(parameters.get("w")).isSameAs(weight);
        assertThat(parameters.parameters()).containsExactly(weight, table);
        assertThat(parameters.values(weight)).hasSize(6);

        Gradients first = parameters.newGradients();
        Gradients second = parameters.newGradients();
        first.dense(weight)[4] = 1f;
        second.dense(weight)[4] = 2f;
        first.sparse(table).add(42, new float[] {1, 1}, 0);
        second.sparse(table).add(17, new float[] {2, 2}, 0);
        second.sparse(table).add(42, new float[] {3, 3}, 0);

        Gradients total = parameters.newGradients();
        first.addTo(total);
        second.addTo(total);
        assertThat(total.dense(weight)[4]).isEqualTo(3f);
        SparseRows rows = total.sparse(table);
        assertThat(rows.count()).isEqualTo(2);
        assertThat(rows.row(0)).isEqualTo(42);
        assertThat(rows.values()).startsWith(4f, 4f, 2f, 2f);

        total.clear();
        assertThat(total.dense(weight)).containsOnly(0f);
        assertThat(total.sparse(table).count()).isZero();
    }

    @Test
    void rejectsMisuse() {
        ParameterSet parameters = new ParameterSet();
        Parameter weight = parameters.addDense("w", 2, 3);
        Parameter table = parameters.addSparse("t", 10, 2);
        assertThatThrownBy(() -> parameters.addDense("w", 1, 1)).hasMessageContaining("duplicate");
        Gradients gradients = parameters.newGradients();
        assertThatThrownBy(() -> gradients.sparse(weight)).hasMessageContaining("dense gradient");
        assertThatThrownBy(() -> gradients.dense(table)).hasMessageContaining("sparse gradient");
        ParameterSet other = new ParameterSet();
        other.addDense("x", 1, 1);
        assertThatThrownBy(() -> gradients.addTo(other.newGradients())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> other.values(weight)).isInstanceOf(IllegalArgumentException.class);
    }
}
