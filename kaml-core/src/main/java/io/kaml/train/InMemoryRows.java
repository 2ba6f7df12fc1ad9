package io.kaml.train;

import io.kaml.data.Batch;

/**
 * Training rows held in memory as one {@link Batch}: each epoch is a permutation of every row drawn from
 * (seed, epoch) by {@link Shuffle}, cut into consecutive batches.
 */
public final class InMemoryRows implements BatchSource {
    private final Batch rows;

    public InMemoryRows(Batch rows) {
        this.rows = rows;
    }

    @Override
    public int rows() {
        return rows.size();
    }

    @Override
    public Epoch epoch(long seed, int epoch, int batchSize) {
        int[] order = Shuffle.permutation(rows.size(), seed, epoch);
        return step -> {
            int from = step * batchSize;
            return new Slice(rows, order, from, Math.min(from + batchSize, rows.size()));
        };
    }
}
