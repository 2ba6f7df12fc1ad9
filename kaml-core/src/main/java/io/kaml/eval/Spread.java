package io.kaml.eval;

/**
 * The centre and spread of one metric over the seeds of an experiment.
 *
 * @param mean mean of the defined values, NaN when there are none
 * @param std  sample standard deviation (divisor {@code n - 1}), NaN when fewer than two values are defined
 * @param n    defined values; a NaN metric (AUC on one class) is left out rather than poisoning the mean
 */
public record Spread(double mean, double std, int n) {

    public static Spread of(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        if (n == 0) {
            return new Spread(Double.NaN, Double.NaN, 0);
        }
        double mean = sum / n;
        if (n < 2) {
            return new Spread(mean, Double.NaN, n);
        }
        double squares = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        return new Spread(mean, Math.sqrt(squares / (n - 1)), n);
    }
}
