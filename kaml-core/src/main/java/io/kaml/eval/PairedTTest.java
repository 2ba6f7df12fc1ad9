package io.kaml.eval;

/**
 * The two-sided paired t-test of two models run with the same seeds: seed {@code s}'s result of one
 * is paired with seed {@code s}'s result of the other, so the variation both share (initialisation,
 * shuffling) cancels out of the differences.
 *
 * @param pairs          pairs used: those where both values are defined (an AUC is NaN on one class)
 * @param meanDifference mean of {@code model - base}, NaN without pairs
 * @param t              the statistic {@code mean / (sd / sqrt(pairs))}, with {@code pairs - 1} degrees
 *                       of freedom; NaN with fewer than two pairs
 * @param p              two-sided p-value; NaN with fewer than two pairs. When every difference is the
 *                       same, the spread is 0: {@code p} is 1 if they are all 0 and 0 otherwise, the
 *                       limits of the test as the spread goes to 0.
 */
public record PairedTTest(int pairs, double meanDifference, double t, double p) {

    /**
     * @param model [seeds] a metric of the model, in seed order
     * @param base  [seeds] the same metric of the base, in the same seed order
     */
    public static PairedTTest of(double[] model, double[] base) {
        if (model.length != base.length) {
            throw new IllegalArgumentException("paired samples need equal lengths, got " + model.length + " and " + base.length);
        }
        double[] differences = new double[model.length];
        int n = 0;
        for (int i = 0; i < model.length; i++) {
            if (!Double.isNaN(model[i]) && !Double.isNaN(base[i])) {
                differences[n++] = model[i] - base[i];
            }
        }
        if (n == 0) {
            return new PairedTTest(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += differences[i];
        }
        mean /= n;
        if (n < 2) {
            return new PairedTTest(n, mean, Double.NaN, Double.NaN);
        }
        double squares = 0;
        for (int i = 0; i < n; i++) {
            squares += (differences[i] - mean) * (differences[i] - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        if (sd == 0) {
            return new PairedTTest(n, mean, mean == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mean), mean == 0 ? 1 : 0);
        }
        double t = mean / (sd / Math.sqrt(n));
        return new PairedTTest(n, mean, t, StudentT.twoSidedP(t, n - 1));
    }
}
