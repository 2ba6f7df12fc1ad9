package io.kaml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kaml.artifact.Tensor;
import io.kaml.nn.Gradients;
import io.kaml.nn.Parameter;
import io.kaml.nn.ParameterSet;
import org.junit.jupiter.api.Test;

/** Dense Adam against hand-computed values, global-norm clipping and the learning-rate scale. */
class AdamTest {
    private static final OptimizerConfig CONFIG =
            new OptimizerConfig(0.1, 0.1, 0.9, 0.999, 1e-8, EmbeddingOptimizer.LAZY_ADAM, 0, 0);

    @Test
    void oneAndTwoStepsMatchHandValues() {
        ParameterSet parameters = new ParameterSet();
        Parameter w = parameters.addDense("w", 1, 2);
        float[] values = parameters.values(w);
        values[0] = 1f;
        values[1] = -0.5f;
        Optimizer optimizer = new Optimizer(CONFIG, parameters);
        Gradients gradients = parameters.newGradients();

        // Step 1, g = [0.5, -1]: m = 0.1·g = [0.05, -0.1], v = 0.001·g² = [0.00025, 0.001];
        // m̂ = m / 0.1 = g, v̂ = v / 0.001 = g², so w -= 0.1 · g / (|g| + 1e-8) ≈ 0.1 · sign(g):
        // w = [1 - 0.099999998, -0.5 + 0.099999999] = [0.900000002, -0.400000001].
        gradients.dense(w)[0] = 0.5f;
        gradients.dense(w)[1] = -1f;
        optimizer.step(parameters, gradients, 1f);
        assertThat(values[0]).isCloseTo(0.900000002f, within(1e-7f));
        assertThat(values[1]).isCloseTo(-0.400000001f, within(1e-7f));
        assertThat(tensor(optimizer, "w/adam_m").data()).containsExactly(new float[] {0.05f, -0.1f}, within(1e-9f));
        assertThat(tensor(optimizer, "w/adam_v").data()).containsExactly(new float[] {0.00025f, 0.001f}, within(1e-10f));

        // Step 2, g = [0.25, 0.5]: m = 0.9·m + 0.1·g = [0.07, -0.04];
        // v = 0.999·v + 0.001·g² = [0.00031225, 0.001249]; corrections 1 - 0.9² = 0.19, 1 - 0.999² = 0.001999;
        // m̂ = [0.368421053, -0.210526316], v̂ = [0.156203102, 0.624812406], sqrt(v̂) = [0.395225381, 0.790450761];
        // update = 0.1 · m̂ / sqrt(v̂) = [0.093217962, -0.026633704]; w = [0.806782040, -0.373366297].
        gradients.clear();
        gradients.dense(w)[0] = 0.25f;
        gradients.dense(w)[1] = 0.5f;
        optimizer.step(parameters, gradients, 1f);
        assertThat(values[0]).isCloseTo(0.806782040f, within(1e-6f));
        assertThat(values[1]).isCloseTo(-0.373366297f, within(1e-6f));
        assertThat(optimizer.steps()).isEqualTo(2);
    }

    @Test
    void learningRateScaleScalesTheStep() {
        ParameterSet parameters = new ParameterSet();
        Parameter w = parameters.addDense("w", 1, 1);
        Optimizer optimizer = new Optimizer(CONFIG, parameters);
        Gradients gradients = parameters.newGradients();
        gradients.dense(w)[0] = 2f;
        // First Adam step moves by lr · sign(g); scaled by 0.25: 0 - 0.025.
        optimizer.step(parameters, gradients, 0.25f);
        assertThat(parameters.values(w)[0]).isCloseTo(-0.025f, within(1e-8f));
    }

    @Test
    void clipsDenseGradientsByTheirGlobalNormButNotSparseOnes() {
        ParameterSet parameters = new ParameterSet();
        Parameter a = parameters.addDense("a", 1, 2);
        Parameter b = parameters.addDense("b", 1, 1);
        Parameter table = parameters.addSparse("table", 4, 1);
        OptimizerConfig clipped = new OptimizerConfig(0.1, 0.1, 0.9, 0.999, 1e-8, EmbeddingOptimizer.LAZY_ADAM, 0, 1);
        Optimizer optimizer = new Optimizer(clipped, parameters);
        Gradients gradients = parameters.newGradients();
        // Dense gradients [3, 0] and [4]: global norm 5, clipped to 1, so each is scaled by 0.2.
        gradients.dense(a)[0] = 3f;
        gradients.dense(b)[0] = 4f;
        gradients.sparse(table).add(2, new float[] {10f}, 0);
        optimizer.step(parameters, gradients, 1f);
        // m = 0.1 · 0.2 · g: a → [0.06, 0], b → [0.08]; the sparse row keeps its full gradient: 0.1 · 10 = 1.
        assertThat(tensor(optimizer, "a/adam_m").data()).containsExactly(new float[] {0.06f, 0f}, within(1e-8f));
        assertThat(tensor(optimizer, "b/adam_m").data()).containsExactly(new float[] {0.08f}, within(1e-8f));
        assertThat(tensor(optimizer, "table/adam_m").data()[2]).isCloseTo(1f, within(1e-7f));

        // A norm below the clip is left alone: [0.3, 0.4] has norm 0.5 < 1, m = 0.9·m + 0.1·g.
        gradients.clear();
        gradients.dense(a)[0] = 0.3f;
        gradients.dense(a)[1] = 0.4f;
        optimizer.step(parameters, gradients, 1f);
        assertThat(tensor(optimizer, "a/adam_m").data()).containsExactly(new float[] {0.084f, 0.04f}, within(1e-8f));
    }

    @Test
    void correctionTableGivesExactlyOneMinusBetaToTheT() {
        // 0.9999 reaches 1 only near t = 374,000, past the table's cap, so it exercises the Math.pow fallback.
        for (double beta : new double[] {0, 0.5, 0.9, 0.999, 0.9999}) {
            double[] table = Adam.corrections(beta);
            for (long t = 1; t < 400_000; t += t < 70_000 ? 1 : 997) {
                assertThat(Adam.correction(table, beta, t)).as("beta %s, t %d", beta, t).isEqualTo(1 - Math.pow(beta, t));
            }
        }
    }

    static Tensor tensor(Optimizer optimizer, String name) {
        return optimizer.state().tensors().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
