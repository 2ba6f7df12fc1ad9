package io.kaml.loss;

import io.kaml.data.Batch;

/**
 * What training minimises, evaluated on a whole batch at once (so normalisers and, later, ranking
 * pairs see every row of the batch, whatever the number of threads that computed the logits).
 */
public interface Objective {
    /**
     * @param data    the split the batch is drawn from
     * @param rows    row indices into {@code data}; the batch is {@code rows[from..to)}
     * @param logits  [to - from, actions]
     * @param dLogits [to - from, actions] output: dL/dlogits, overwritten
     * @return the batch loss
     */
    double lossAndGradient(Batch data, int[] rows, int from, int to, float[] logits, float[] dLogits);
}
