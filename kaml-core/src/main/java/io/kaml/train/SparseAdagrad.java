package io.kaml.train;

import io.kaml.artifact.Tensor;
import io.kaml.nn.Parameter;
import io.kaml.nn.SparseRows;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Adagrad on the touched rows of a table: a per-element sum of squared gradients, starting at 0, and
 * w -= lr · g / (sqrt(sum) + ε). Untouched rows keep value and sum; since Adagrad has no decay, that
 * is exactly what dense Adagrad would do with their zero gradients. As in {@link Adam}, the vector
 * loop and the scalar tail round identically.
 */
final class SparseAdagrad implements SparseRule {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

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
    public void update(float[] values, SparseRows gradient, double learningRate, int from, int to) {
        float lr = (float) learningRate;
        float[] g = gradient.values();
        int bound = SPECIES.loopBound(dim);
        for (int s = from; s < to; s++) {
            int base = gradient.row(s) * dim;
            int d = 0;
            for (; d < bound; d += SPECIES.length()) {
                int k = base + d;
                FloatVector wk = FloatVector.fromArray(SPECIES, values, k);
                FloatVector gi = FloatVector.fromArray(SPECIES, g, s * dim + d).add(wk.mul(l2));
                FloatVector sum = FloatVector.fromArray(SPECIES, accumulator, k).add(gi.mul(gi));
                sum.intoArray(accumulator, k);
                wk.sub(gi.mul(lr).div(sum.sqrt().add(epsilon))).intoArray(values, k);
            }
            for (; d < dim; d++) {
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
