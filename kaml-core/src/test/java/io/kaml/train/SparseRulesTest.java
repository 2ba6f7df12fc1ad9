package io.kaml.train;

import static io.kaml.train.AdamTest.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kaml.nn.Gradients;
import io.kaml.nn.Parameter;
import io.kaml.nn.ParameterSet;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Lazy Adam and sparse Adagrad: touched rows only, per-row bias correction, hand values, L2. */
class SparseRulesTest {
    private static OptimizerConfig config(EmbeddingOptimizer kind, double l2) {
        return new OptimizerConfig(0.1, 0.1, 0.9, 0.999, 1e-8, kind, l2, 0);
    }

    @Test
    void lazyAdamLeavesUntouchedRowsBitIdentical() {
        ParameterSet parameters = new ParameterSet();
        Parameter table = parameters.addSparse("t", 4, 2);
        float[] values = parameters.values(table);
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.1f * i - 0.3f;
        }
        float[] initial = values.clone();
        Optimizer optimizer = new Optimizer(config(EmbeddingOptimizer.LAZY_ADAM, 0), parameters);
        Gradients gradients = parameters.newGradients();

        gradients.sparse(table).add(1, new float[] {0.5f, -0.5f}, 0);
        gradients.sparse(table).add(3, new float[] {1f, 2f}, 0);
        optimizer.step(parameters, gradients, 1f);
        float[] valuesAfterOne = values.clone();
        float[] mAfterOne = tensor(optimizer, "t/adam_m").data().clone();
        float[] vAfterOne = tensor(optimizer, "t/adam_v").data().clone();

        gradients.clear();
        gradients.sparse(table).add(1, new float[] {0.25f, 0.25f}, 0);
        optimizer.step(parameters, gradients, 1f);

        float[] m = tensor(optimizer, "t/adam_m").data();
        float[] v = tensor(optimizer, "t/adam_v").data();
        for (int row : new int[] {0, 2}) {
            assertThat(slice(values, row)).isEqualTo(slice(initial, row));
            assertThat(slice(m, row)).isEqualTo(new float[2]);
            assertThat(slice(v, row)).isEqualTo(new float[2]);
        }
        // Row 3 was touched in step 1 only: value and moments exactly as step 1 left them.
        assertThat(slice(values, 3)).isEqualTo(slice(valuesAfterOne, 3));
        assertThat(slice(m, 3)).isEqualTo(slice(mAfterOne, 3));
        assertThat(slice(v, 3)).isEqualTo(slice(vAfterOne, 3));
        assertThat(slice(values, 1)).isNotEqualTo(slice(valuesAfterOne, 1));
        assertThat(tensor(optimizer, "t/adam_row_steps").data()).containsExactly(0f, 2f, 0f, 1f);
    }

    @Test
    void lazyAdamCorrectsBiasPerRow() {
        ParameterSet parameters = new ParameterSet();
        Parameter table = parameters.addSparse("t", 2, 1);
        Optimizer optimizer = new Optimizer(config(EmbeddingOptimizer.LAZY_ADAM, 0), parameters);
        Gradients gradients = parameters.newGradients();
        for (int step = 0; step < 3; step++) {
            gradients.clear();
            gradients.sparse(table).add(0, new float[] {1f}, 0);
            optimizer.step(parameters, gradients, 1f);
        }
        gradients.clear();
        gradients.sparse(table).add(1, new float[] {-4f}, 0);
        optimizer.step(parameters, gradients, 1f);
        // Row 1's first update, at global step 4, is its own step 1: m̂ = g, v̂ = g², w = 0 + 0.1 · 4 / (4 + 1e-8).
        // The global step would give 0.1 · (0.4 / (1 - 0.9⁴)) / sqrt(0.016 / (1 - 0.999⁴)) = 0.0581 instead.
        assertThat(parameters.values(table)[1]).isCloseTo(0.1f, within(1e-7f));
    }

    @Test
    void lazyAdamOnRowsTouchedEveryStepIsDenseAdamBitForBit() {
        ParameterSet parameters = new ParameterSet();
        Parameter dense = parameters.addDense("d", 3, 2);
        Parameter table = parameters.addSparse("t", 3, 2);
        Optimizer optimizer = new Optimizer(config(EmbeddingOptimizer.LAZY_ADAM, 0), parameters);
        Gradients gradients = parameters.newGradients();
        for (int step = 0; step < 5; step++) {
            gradients.clear();
            for (int row = 0; row < 3; row++) {
                float[] g = {(float) Math.sin(step * 3 + row), (float) Math.cos(step + 7 * row)};
                System.arraycopy(g, 0, gradients.dense(dense), 2 * row, 2);
                gradients.sparse(table).add(row, g, 0);
            }
            optimizer.step(parameters, gradients, 1f);
        }
        assertThat(parameters.values(table)).isEqualTo(parameters.values(dense));
        assertThat(tensor(optimizer, "t/adam_m").data()).isEqualTo(tensor(optimizer, "d/adam_m").data());
        assertThat(tensor(optimizer, "t/adam_v").data()).isEqualTo(tensor(optimizer, "d/adam_v").data());
    }

    @Test
    void lazyAdamAppliesL2ToTouchedRowsOnly() {
        ParameterSet parameters = new ParameterSet();
        Parameter table = parameters.addSparse("t", 2, 1);
        parameters.values(table)[0] = 2f;
        parameters.values(table)[1] = 2f;
        Optimizer optimizer = new Optimizer(config(EmbeddingOptimizer.LAZY_ADAM, 0.5), parameters);
        Gradients gradients = parameters.newGradients();
        gradients.sparse(table).add(0, new float[] {0f}, 0);
        optimizer.step(parameters, gradients, 1f);
        // Row 0: g = 0 + 0.5 · 2 = 1, m = 0.1, first step moves by 0.1 · 1 / (1 + 1e-8): 1.9. Row 1 untouched.
        assertThat(tensor(optimizer, "t/adam_m").data()[0]).isCloseTo(0.1f, within(1e-8f));
        assertThat(parameters.values(table)[0]).isCloseTo(1.9f, within(1e-7f));
        assertThat(parameters.values(table)[1]).isEqualTo(2f);
    }

    @Test
    void adagradMatchesHandValues() {
        ParameterSet parameters = new ParameterSet();
        Parameter table = parameters.addSparse("t", 3, 2);
        float[] values = parameters.values(table);
        values[2] = 1f;
        values[3] = 2f;
        OptimizerConfig adagrad = new OptimizerConfig(0.1, 0.5, 0.9, 0.999, 1e-8, EmbeddingOptimizer.ADAGRAD, 0, 0);
        Optimizer optimizer = new Optimizer(adagrad, parameters);
        Gradients gradients = parameters.newGradients();

        // Step 1 on row 1, g = [3, -4]: sum = [9, 16]; w = [1 - 0.5·3/3, 2 + 0.5·4/4] = [0.5, 2.5].
        gradients.sparse(table).add(1, new float[] {3f, -4f}, 0);
        optimizer.step(parameters, gradients, 1f);
        assertThat(slice(values, 1)).containsExactly(new float[] {0.5f, 2.5f}, within(1e-6f));
        // Step 2, g = [4, 3]: sum = [25, 25]; w = [0.5 - 0.5·4/5, 2.5 - 0.5·3/5] = [0.1, 2.2].
        gradients.clear();
        gradients.sparse(table).add(1, new float[] {4f, 3f}, 0);
        optimizer.step(parameters, gradients, 1f);
        assertThat(slice(values, 1)).containsExactly(new float[] {0.1f, 2.2f}, within(1e-6f));
        assertThat(tensor(optimizer, "t/adagrad_sum").data()).containsExactly(0f, 0f, 25f, 25f, 0f, 0f);
        assertThat(slice(values, 0)).isEqualTo(new float[2]);
        assertThat(slice(values, 2)).isEqualTo(new float[2]);
    }

    @Test
    void adagradAppliesL2ToTouchedRowsOnly() {
        ParameterSet parameters = new ParameterSet();
        Parameter table = parameters.addSparse("t", 2, 2);
        float[] values = parameters.values(table);
        Arrays.fill(values, 1f);
        values[1] = 2f;
        Optimizer optimizer = new Optimizer(config(EmbeddingOptimizer.ADAGRAD, 0.5), parameters);
        Gradients gradients = parameters.newGradients();
        gradients.sparse(table).add(0, new float[] {0f, 0f}, 0);
        optimizer.step(parameters, gradients, 1f);
        // Row 0: g = 0.5 · [1, 2] = [0.5, 1], sum = [0.25, 1], step 0.1 · g / sqrt(sum) = [0.1, 0.1].
        assertThat(slice(values, 0)).containsExactly(new float[] {0.9f, 1.9f}, within(1e-6f));
        assertThat(slice(values, 1)).containsExactly(1f, 1f);
    }

    private static float[] slice(float[] table, int row) {
        return Arrays.copyOfRange(table, 2 * row, 2 * row + 2);
    }
}
