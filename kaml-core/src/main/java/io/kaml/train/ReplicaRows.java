package io.kaml.train;

import io.kaml.data.Batch;
import java.util.SplittableRandom;

/**
 * One replica's share of the training rows when several replicas train in lockstep (the tasks of a
 * Spark barrier stage). Every replica must take the same number of steps, so each epoch here has
 * {@code rowsPerEpoch} rows, agreed by all (the largest share): a permutation of this replica's rows drawn
 * from (seed, replica, epoch), continued with further permutations when the share is smaller. Replica 0
 * holding every row orders them exactly as {@link InMemoryRows} does, so one replica is a plain run.
 */
public final class ReplicaRows implements BatchSource {
    private final Batch rows;
    private final int rowsPerEpoch;
    private final int replica;

    /**
     * @param rows         this replica's rows (numerical values encoded)
     * @param rowsPerEpoch rows per epoch on every replica, at least {@code rows.size()}
     * @param replica      this replica's rank, 0-based
     */
    public ReplicaRows(Batch rows, int rowsPerEpoch, int replica) {
        if (rows.size() == 0) {
            throw new TrainingException("replica " + replica + " holds no training rows: give the job fewer tasks than "
                    + "the training split has rows, or repartition the table");
        }
        if (rowsPerEpoch < rows.size()) {
            throw new IllegalArgumentException("rowsPerEpoch " + rowsPerEpoch + " is below this replica's " + rows.size() + " rows");
        }
        this.rows = rows;
        this.rowsPerEpoch = rowsPerEpoch;
        this.replica = replica;
    }

    @Override
    public int rows() {
        return rowsPerEpoch;
    }

    @Override
    public Epoch epoch(long seed, int epoch, int batchSize) {
        int n = rows.size();
        long replicaSeed = replica == 0 ? seed : seed ^ (0xBF58476D1CE4E5B9L * replica);
        int[] order = new int[rowsPerEpoch];
        System.arraycopy(Shuffle.permutation(n, replicaSeed, epoch), 0, order, 0, n);
        SplittableRandom more = new SplittableRandom(replicaSeed * 0x94D049BB133111EBL + epoch);
        for (int filled = n; filled < rowsPerEpoch; filled += n) {
            System.arraycopy(Shuffle.permutation(n, more.split()), 0, order, filled, Math.min(n, rowsPerEpoch - filled));
        }
        return step -> {
            int from = step * batchSize;
            return new Slice(rows, order, from, Math.min(from + batchSize, rowsPerEpoch));
        };
    }
}
