package io.kaml.train;

import io.kaml.nn.Gradients;

/**
 * The seam through which the one training loop sums gradients across replicas: each replica trains
 * on its own share of a step's rows, sums its worker threads' gradients, then calls {@link #reduce} so
 * that every replica applies the same update and the replicas' weights never drift apart.
 * {@link #NONE} is the single-process case; {@link RingReduction} spans processes.
 */
public interface GradientReduction extends AutoCloseable {
    /** One replica: nothing to sum. */
    GradientReduction NONE = new GradientReduction() {
        @Override
        public int replicas() {
            return 1;
        }

        @Override
        public void reduce(Gradients total) {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "GradientReduction.NONE";
        }
    };

    /** The number of replicas whose gradients {@link #reduce} averages, 1 or more. */
    int replicas();

    /**
     * Replaces {@code total} (this replica's gradients of one step, summed over its worker threads)
     * with the MEAN over replicas of every replica's total. Every replica ends with bit-identical
     * dense arrays and bit-identical SparseRows (same rows in the same slot order, same values).
     * Every replica must call it once per step, with gradients of the same parameter layout.
     *
     * @throws TrainingException if a replica cannot be reached
     */
    void reduce(Gradients total);

    @Override
    void close();
}
