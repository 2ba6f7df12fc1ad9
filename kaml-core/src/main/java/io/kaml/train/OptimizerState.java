package io.kaml.train;

import io.kaml.artifact.Tensor;
import java.util.List;

/**
 * Everything an {@link Optimizer} needs to continue exactly where it stopped, for checkpoints.
 *
 * @param step    the number of steps taken
 * @param tensors the moments, accumulators and per-row counts, named {@code <parameter>/<slot>}
 */
public record OptimizerState(long step, List<Tensor> tensors) {
    public OptimizerState {
        if (step < 0) {
            throw new IllegalArgumentException("optimizer step must be >= 0, got " + step);
        }
        tensors = List.copyOf(tensors);
    }
}
