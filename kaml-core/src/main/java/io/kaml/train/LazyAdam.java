package io.kaml.train;

import io.kaml.artifact.Tensor;
import io.kaml.nn.CacheLines;
import io.kaml.nn.Parameter;
import io.kaml.nn.SparseRows;
import java.util.List;

/**
 * Adam on the touched rows of a table only. Rows a batch did not use keep their value and moments
 * frozen, so this differs from dense Adam, which would decay every row's moments and move every
 * row with non-zero momentum on every step; the cost here follows the batch, not the table.
 *
 * <p>Bias correction uses each row's own count of updates, not the global step. A row then follows
 * exactly the trajectory dense Adam would give it on the sequence of its own gradients: its first
 * update has size ≈ lr, as dense Adam's first step does. With the global step, a row first seen
 * after the first few thousand steps has corrections ≈ 1 but moments only one step old, so its first
 * update would be (1 - β1) / sqrt(1 - β2) ≈ 3.2 times lr, and most rows of a hashed table are such
 * rare rows. The price is one float per row, and two correction-table lookups per touched row.
 */
final class LazyAdam implements SparseRule {
    /**
     * Row counts saturate here, the largest range a float counts exactly. By then β^t differs from 0
     * by less than float precision for any β ≤ 0.999999, so the correction is already 1.
     */
    static final float MAX_ROW_STEPS = 1 << 24;
    /** Rows whose table, moment and count entries are first brought into the cache together (see {@link CacheLines}). */
    private static final int TOUCH_ROWS = 16;

    private final Adam adam;
    private final float l2;
    private final int dim;
    private final float[] firstMoment;
    private final float[] secondMoment;
    private final float[] rowSteps;
    private final List<Tensor> state;
    /** The sum of the floats {@link CacheLines#touch} read, stored so that the compiler keeps those loads; never read. */
    @SuppressWarnings("unused")
    private float touchedSum;

    LazyAdam(Parameter parameter, Adam adam, float l2) {
        this.adam = adam;
        this.l2 = l2;
        dim = parameter.cols();
        firstMoment = new float[parameter.size()];
        secondMoment = new float[parameter.size()];
        rowSteps = new float[parameter.rows()];
        int[] shape = {parameter.rows(), parameter.cols()};
        state = List.of(
                new Tensor(parameter.name() + "/adam_m", shape, firstMoment),
                new Tensor(parameter.name() + "/adam_v", shape, secondMoment),
                new Tensor(parameter.name() + "/adam_row_steps", new int[] {parameter.rows()}, rowSteps));
    }

    @Override
    public void update(float[] values, SparseRows gradient, double learningRate, int from, int to) {
        float[] g = gradient.values();
        float touched = 0f;
        for (int s0 = from; s0 < to; s0 += TOUCH_ROWS) {
            int s1 = Math.min(to, s0 + TOUCH_ROWS);
            for (int s = s0; s < s1; s++) {
                int row = gradient.row(s);
                touched += rowSteps[row] + CacheLines.touch(values, row * dim, dim)
                        + CacheLines.touch(firstMoment, row * dim, dim) + CacheLines.touch(secondMoment, row * dim, dim);
            }
            for (int s = s0; s < s1; s++) {
                int row = gradient.row(s);
                float t = Math.min(rowSteps[row] + 1f, MAX_ROW_STEPS);
                rowSteps[row] = t;
                adam.update(values, firstMoment, secondMoment, row * dim, g, s * dim, dim, 1f, l2, learningRate, (long) t);
            }
        }
        touchedSum = touched;
    }

    @Override
    public List<Tensor> state() {
        return state;
    }
}
