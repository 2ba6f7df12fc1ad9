package io.kaml.train;

import io.kaml.artifact.Tensor;
import io.kaml.nn.Parameter;
import io.kaml.nn.SparseRows;
import java.util.List;

/**
 * Adagrad on the touched rows of a table: a per-element sum of squared gradients, starting at 0, and
 * w -= lr · g / (sqrt(sum) + ε). Untouched rows keep value and sum; since Adagrad has no decay, that
 * is exactly what dense Adagrad would do with their zero gradients.
 */
final class SparseAdagrad implements SparseRule {
    private final float epsilon;
    private final float l2;
    private final int dim;
    private final float[] accumulator;
    private final List<Tensor> state;

    SparseAdagrad(Parameter parameter, float epsilon, float l2) {
        this.epsilon = epsilon;
        this.l2 = l2;
        dim = parameter.cols();
        accumulator = new float[parameter.size()];
        state = List.of(new Tensor(parameter.name() + "/adagrad_sum", new int[] {parameter.rows(), parameter.cols()}, accumulator));
    }

    @Override
    public void update(float[] values, SparseRows gradient, double learningRate) {
        float lr = (float) learningRate;
        float[] g = gradient.values();
        for (int s = 0; s < gradient.count(); s++) {
            int base = gradient.row(s) * dim;
            for (int d = 0; d < dim; d++) {
                int k = base + d;
                float gi = g[s * dim + d] + l2 * values[k];
                float sum = accumulator[k] + gi * gi;
                accumulator[k] = sum;
                values[k] -= lr * gi / ((float) Math.sqrt(sum) + epsilon);
            }
        }
    }

    @Override
    public List<Tensor> state() {
        return state;
    }
}
