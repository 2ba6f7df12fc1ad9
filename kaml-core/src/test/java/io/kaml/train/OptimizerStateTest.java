package io.kaml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaml.artifact.Tensor;
import io.kaml.nn.Gradients;
import io.kaml.nn.Parameter;
import io.kaml.nn.ParameterSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checkpoint state: restoring it continues bit for bit, and bad states or steps are rejected whole. */
class OptimizerStateTest {
    private static OptimizerConfig config(EmbeddingOptimizer kind) {
        return new OptimizerConfig(0.01, 0.05, 0.9, 0.999, 1e-8, kind, 0.01, 0.5);
    }

    private static ParameterSet layout() {
        ParameterSet parameters = new ParameterSet();
        parameters.addDense("w", 2, 3);
        parameters.addSparse("emb", 50, 4);
        parameters.addDense("b", 1, 3);
        return parameters;
    }

    /** A deterministic gradient for step {@code step}: all dense entries, and a few table rows that move between steps. */
    private static void fill(ParameterSet parameters, Gradients gradients, int step) {
        gradients.clear();
        for (Parameter p : parameters.parameters()) {
            if (p.sparse()) {
                for (int k = 0; k < 3; k++) {
                    int row = (step * 7 + k * 11) % p.rows();
                    gradients.sparse(p).add(row, new float[] {step + 1f, -k, 0.5f, (float) Math.sin(step + k)}, 0);
                }
            } else {
                float[] g = gradients.dense(p);
                for (int i = 0; i < g.length; i++) {
                    g[i] = (float) Math.cos(step * 5 + i);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddingOptimizer.class)
    void restoredOptimizerContinuesBitForBit(EmbeddingOptimizer kind) {
        ParameterSet original = layout();
        Optimizer first = new Optimizer(config(kind), original);
        Gradients gradients = original.newGradients();
        for (int step = 0; step < 3; step++) {
            fill(original, gradients, step);
            first.step(original, gradients, 0.5f + step);
        }

        ParameterSet resumed = layout();
        for (Parameter p : original.parameters()) {
            System.arraycopy(original.values(p), 0, resumed.values(resumed.get(p.name())), 0, p.size());
        }
        // Made for a third set of the same layout: an optimiser serves any set with equal parameters.
        Optimizer second = new Optimizer(config(kind), layout());
        second.restore(first.state());
        assertThat(second.steps()).isEqualTo(3);

        Gradients resumedGradients = resumed.newGradients();
        for (int step = 3; step < 6; step++) {
            fill(original, gradients, step);
            fill(resumed, resumedGradients, step);
            first.step(original, gradients, 1f);
            second.step(resumed, resumedGradients, 1f);
        }
        for (Parameter p : original.parameters()) {
            assertThat(resumed.values(resumed.get(p.name()))).as(p.name()).isEqualTo(original.values(p));
        }
        List<Tensor> expected = first.state().tensors();
        List<Tensor> actual = second.state().tensors();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).name()).isEqualTo(expected.get(i).name());
            assertThat(actual.get(i).data()).as(expected.get(i).name()).isEqualTo(expected.get(i).data());
        }
    }

    @Test
    void restoreRejectsStatesOfAnotherLayoutAndChangesNothing() {
        Optimizer lazy = new Optimizer(config(EmbeddingOptimizer.LAZY_ADAM), layout());
        OptimizerState adagrad = new Optimizer(config(EmbeddingOptimizer.ADAGRAD), layout()).state();
        assertThatThrownBy(() -> lazy.restore(adagrad))
                .hasMessageContaining("lacks tensor emb/adam_m").hasMessageContaining("embedding_optimizer");

        List<Tensor> tensors = new ArrayList<>(lazy.state().tensors());
        Tensor m = tensors.getFirst();
        tensors.set(0, new Tensor(m.name(), new int[] {3, 2}, new float[6]));
        assertThatThrownBy(() -> lazy.restore(new OptimizerState(7, tensors)))
                .hasMessageContaining("w/adam_m has shape [3, 2], expected [2, 3]");

        tensors.set(0, m);
        tensors.add(new Tensor("extra/adam_m", new int[] {1}, new float[1]));
        assertThatThrownBy(() -> lazy.restore(new OptimizerState(7, tensors))).hasMessageContaining("does not know: [extra/adam_m]");

        tensors.set(tensors.size() - 1, m);
        assertThatThrownBy(() -> lazy.restore(new OptimizerState(7, tensors))).hasMessageContaining("w/adam_m twice");
        assertThat(lazy.steps()).isZero();
    }

    @Test
    void rejectedStepChangesNothing() {
        ParameterSet parameters = layout();
        Optimizer optimizer = new Optimizer(config(EmbeddingOptimizer.LAZY_ADAM), parameters);
        Gradients gradients = parameters.newGradients();
        fill(parameters, gradients, 0);
        gradients.sparse(parameters.get("emb")).add(50, new float[4], 0);
        assertThatThrownBy(() -> optimizer.step(parameters, gradients, 1f)).hasMessageContaining("emb: gradient row 50 outside");
        assertThat(parameters.values(parameters.get("w"))).containsOnly(0f);
        assertThat(optimizer.steps()).isZero();

        fill(parameters, gradients, 0);
        assertThatThrownBy(() -> optimizer.step(parameters, gradients, Float.NaN)).hasMessageContaining("learning rate scale");
        assertThatThrownBy(() -> optimizer.step(parameters, gradients, -1f)).hasMessageContaining("learning rate scale");
        ParameterSet other = new ParameterSet();
        other.addDense("w", 2, 3);
        assertThatThrownBy(() -> optimizer.step(other, other.newGradients(), 1f)).hasMessageContaining("parameter set differs");
        assertThat(optimizer.steps()).isZero();
    }
}
