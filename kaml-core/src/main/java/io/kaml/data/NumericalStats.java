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
        int fields = raw.numericalFields();
        double[] mean = new double[fields];
        double[] m2 = new double[fields];
        long[] count = new long[fields];
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
        double[] std = new double[fields];
        for (int f = 0; f < fields; f++) {
            std[f] = Math.max(MIN_STD, count[f] > 1 ? Math.sqrt(m2[f] / count[f]) : 0);
        }
        return new NumericalStats(mean, std);
    }

    public int fields() {
        return mean.length;
    }

    @Override
    public String toString() {
        return "NumericalStats[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
