package io.kaml.data;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Per-field mean and standard deviation of the shaped numerical values ({@link NumericalTransform#shape})
 * over the training split. Missing values are left out of both.
 *
 * @param mean [numericalFields]
 * @param std  [numericalFields], never below {@link #MIN_STD} so a constant column maps to 0, not NaN
 */
public record NumericalStats(double[] mean, double[] std) {
    public static final double MIN_STD = 1e-9;

    public NumericalStats {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std lengths differ: " + mean.length + " vs " + std.length);
        }
    }

    /**
     * Fits the statistics over batches streamed in order (Welford's update, one row at a time), so a
     * split read block by block gives the same statistics, bit for bit, as the whole split in one batch.
     */
    public static final class Accumulator implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        private final NumericalTransform transform;
        private final double[] mean;
        private final double[] m2;
        private final long[] count;

        public Accumulator(int fields, NumericalTransform transform) {
            this.transform = transform;
            mean = new double[fields];
            m2 = new double[fields];
            count = new long[fields];
        }

        /** Adds the rows of {@code raw} (numerical values as read, NaN = missing). */
        public void add(Batch raw) {
            int fields = mean.length;
            if (raw.numericalFields() != fields) {
                throw new IllegalArgumentException("batch has " + raw.numericalFields() + " numerical fields, expected " + fields);
            }
            float[] values = raw.numerical();
            for (int i = 0; i < raw.size(); i++) {
                for (int f = 0; f < fields; f++) {
                    float v = values[i * fields + f];
                    if (Float.isNaN(v)) {
                        continue;
                    }
                    double x = transform.shape(v);
                    count[f]++;
                    double delta = x - mean[f];
                    mean[f] += delta / count[f];
                    m2[f] += delta * (x - mean[f]);
                }
            }
        }

        /**
         * Adds the rows another accumulator saw (Chan et al.'s pairwise update), so parts of a split
         * fitted apart (Spark partitions) combine; merging into an empty accumulator copies the other exactly.
         */
        public void merge(Accumulator other) {
            if (other.mean.length != mean.length || other.transform != transform) {
                throw new IllegalArgumentException("accumulators of " + other.mean.length + " fields (" + other.transform + ") and "
                        + mean.length + " fields (" + transform + ")");
            }
            for (int f = 0; f < mean.length; f++) {
                long n = count[f] + other.count[f];
                if (other.count[f] == 0) {
                    continue;
                }
                if (count[f] == 0) {
                    mean[f] = other.mean[f];
                    m2[f] = other.m2[f];
                } else {
                    double delta = other.mean[f] - mean[f];
                    mean[f] += delta * other.count[f] / n;
                    m2[f] += other.m2[f] + delta * delta * ((double) count[f] * other.count[f] / n);
                }
                count[f] = n;
            }
        }

        /** The statistics of every row added so far. */
        public NumericalStats result() {
            int fields = mean.length;
            double[] std = new double[fields];
            for (int f = 0; f < fields; f++) {
                std[f] = Math.max(MIN_STD, count[f] > 1 ? Math.sqrt(m2[f] / count[f]) : 0);
            }
            return new NumericalStats(mean.clone(), std);
        }
    }

    public int fields() {
        return mean.length;
    }

    @Override
    public String toString() {
        return "NumericalStats[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
