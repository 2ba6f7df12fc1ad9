package io.kaml.train;

import io.kaml.data.Batch;

/**
 * Where the training rows of each epoch come from, batch by batch: the seam through which in-memory
 * columns ({@link InMemoryRows}), an on-disk cache or a Spark partition feed the one training loop,
 * which never sees more than the batch in hand.
 *
 * <p>An epoch's order must be a pure function of (seed, epoch), so that the same seed gives the same
 * weights and a resumed run replays the rest of an interrupted epoch.
 */
public interface BatchSource {

    /** Training rows per epoch. */
    int rows();

    /** The batches of epoch {@code epoch} (0-based), {@code batchSize} rows each but the last. */
    Epoch epoch(long seed, int epoch, int batchSize);

    /** One epoch's batches, asked for by step in increasing order (a resumed run starts past 0). */
    interface Epoch {
        Slice batch(int step);
    }

    /**
     * One batch: rows {@code order[from..to)} of {@code data}. The objective and the ranking loss see the
     * batch through these indices, so a source may hand out a window of rows it holds in memory.
     */
    record Slice(Batch data, int[] order, int from, int to) {
        public int rows() {
            return to - from;
        }
    }
}
