package io.kaml.train;

import static io.kaml.train.AdamTest.tensor;
import static org.assertj.core.api.Assertions.assertThat;

import io.kaml.nn.Gradients;
import io.kaml.nn.Parameter;
import io.kaml.nn.ParameterSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The update kernels' vector loop and scalar tail round alike: a width of 35 (vectors plus a tail for
 * 4, 8 or 16 lanes) gives bit for bit what 35 one-wide parameters (all tail) give.
 */
class VectorTailTest {
    private static final int WIDTH = 35;

    @ParameterizedTest
    @EnumSource(EmbeddingOptimizer.class)
    void wideAndOneWideParametersAgree(EmbeddingOptimizer kind) {
        ParameterSet parameters = new ParameterSet();
        Parameter dense = parameters.addDense("dense", 1, WIDTH);
        Parameter table = parameters.addSparse("table", 3, WIDTH);
        Parameter[] narrowDense = new Parameter[WIDTH];
        Parameter[] narrowTable = new Parameter[WIDTH];
        for (int i = 0; i < WIDTH; i++) {
            narrowDense[i] = parameters.addDense("dense" + i, 1, 1);
            narrowTable[i] = parameters.addSparse("table" + i, 3, 1);
            float start = (float) Math.sin(i);
            parameters.values(dense)[i] = start;
            parameters.values(narrowDense[i])[0] = start;
            parameters.values(table)[WIDTH + i] = start;
            parameters.values(narrowTable[i])[1] = start;
        }
        Optimizer optimizer = new Optimizer(new OptimizerConfig(0.01, 0.03, 0.9, 0.999, 1e-8, kind, 0.1, 0), parameters);
        Gradients gradients = parameters.newGradients();
        float[] row = new float[WIDTH];
        for (int step = 0; step < 4; step++) {
            gradients.clear();
            for (int i = 0; i < WIDTH; i++) {
                row[i] = (float) Math.cos(3 * step + i) * (i + 1);
                gradients.dense(narrowDense[i])[0] = row[i];
                gradients.sparse(narrowTable[i]).add(1, row, i);
            }
            System.arraycopy(row, 0, gradients.dense(dense), 0, WIDTH);
            gradients.sparse(table).add(1, row, 0);
            optimizer.step(parameters, gradients, 1f);
        }
        String slot = kind == EmbeddingOptimizer.ADAGRAD ? "/adagrad_sum" : "/adam_v";
        for (int i = 0; i < WIDTH; i++) {
            assertThat(parameters.values(narrowDense[i])[0]).isEqualTo(parameters.values(dense)[i]);
            assertThat(tensor(optimizer, "dense" + i + "/adam_v").data()[0]).isEqualTo(tensor(optimizer, "dense/adam_v").data()[i]);
            assertThat(parameters.values(narrowTable[i])[1]).isEqualTo(parameters.values(table)[WIDTH + i]);
            assertThat(tensor(optimizer, "table" + i + slot).data()[1]).isEqualTo(tensor(optimizer, "table" + slot).data()[WIDTH + i]);
        }
    }
}
