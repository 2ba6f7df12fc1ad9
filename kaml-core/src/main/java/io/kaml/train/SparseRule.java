package io.kaml.train;

import io.kaml.artifact.Tensor;
import io.kaml.nn.Parameter;
import io.kaml.nn.SparseRows;
import java.util.List;

/** The update of one sparse parameter: its state, and arithmetic on the rows a batch touched only. */
sealed interface SparseRule permits LazyAdam, SparseAdagrad {
    /**
     * Updates the rows present in {@code gradient}, each counting as touched even if its gradient is
     * zero. The rows are already checked to lie inside the table.
     */
    default void update(float[] values, SparseRows gradient, double learningRate) {
        update(values, gradient, learningRate, 0, gradient.count());
    }

    /**
     * Updates the rows in {@code gradient}'s slots {@code [from, to)} only. A row has one slot and each row's update
     * reads and writes that row alone, so the slots can be split among threads with the same result.
     */
    void update(float[] values, SparseRows gradient, double learningRate, int from, int to);

    /** The state as tensors that share the live arrays. */
    List<Tensor> state();

    static SparseRule of(Parameter parameter, OptimizerConfig config, Adam adam) {
        return switch (config.embeddingOptimizer()) {
            case LAZY_ADAM -> new LazyAdam(parameter, adam, (float) config.embeddingL2());
            case ADAGRAD -> new SparseAdagrad(parameter, (float) config.epsilon(), (float) config.embeddingL2());
        };
    }
}
