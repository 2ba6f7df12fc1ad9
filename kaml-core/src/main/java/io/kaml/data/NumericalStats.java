package io.kaml.data;

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

    /** Statistics of the raw numerical columns of {@code raw} (as read, NaN = missing). */
    public static NumericalStats fit(Batch raw, NumericalTransform transform) {
        Accumulator all = new Accumulator(raw.numericalFields(), transform);
        all.add(raw);
        return all.result();
    }

    /**
     * Fits the statistics over batches streamed in order (Welford's update, one row at a time), so a
     * split read block by block gives the same statistics, bit for bit, as the whole split in one batch.
     */
    public static final class Accumulator {
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
