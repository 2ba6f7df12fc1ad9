package io.kaml.eval;

/**
 * How far predicted probabilities are from the frequencies or probabilities they claim.
 *
 * <p>The ranking loss of METHOD §4 trades calibration for ranking, so AUC alone would hide what it
 * costs; these numbers show it.
 */
public final class CalibrationError {

    /** Number of bins of {@link #expected(float[], boolean[])}. */
    public static final int DEFAULT_BINS = 10;

    private CalibrationError() {
    }

    /**
     * Expected calibration error with {@value #DEFAULT_BINS} equal-width bins.
     *
     * @see #expected(float[], boolean[], int)
     */
    public static double expected(float[] probabilities, boolean[] labels) {
        return expected(probabilities, labels, DEFAULT_BINS);
    }

    /**
     * Expected calibration error: {@code sum_b (n_b / n) * |mean p in b - mean y in b|} over
     * {@code bins} equal-width bins of [0, 1]. Bin {@code b} holds {@code b/B <= p < (b+1)/B}; the
     * last bin also holds {@code p = 1}. The bin index is computed from the float widened to
     * double, so a float such as {@code 0.7f} (just below 0.7) falls in the bin below the decimal
     * boundary.
     *
     * @param probabilities [n] predicted probabilities, each in [0, 1]
     * @param labels [n] labels
     * @param bins number of bins, at least 1
     * @return ECE in [0, 1], or NaN when {@code n == 0}
     * @throws IllegalArgumentException if the lengths differ, {@code bins < 1}, or a probability is
     *     outside [0, 1] or NaN
     */
    public static double expected(float[] probabilities, boolean[] labels, int bins) {
        if (probabilities.length != labels.length) {
            throw new IllegalArgumentException("probabilities has " + probabilities.length
                    + " values but labels has " + labels.length);
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        }
        int n = probabilities.length;
        if (n == 0) {
            return Double.NaN;
        }
        long[] count = new long[bins];
        double[] probabilitySum = new double[bins];
        long[] positives = new long[bins];
        for (int i = 0; i < n; i++) {
            double p = checkProbability("probabilities", i, probabilities[i]);
            int b = Math.min((int) (p * bins), bins - 1);
            count[b]++;
            probabilitySum[b] += p;
            if (labels[i]) {
                positives[b]++;
            }
        }
        double error = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                // (n_b / n) * |sum_p / n_b - positives / n_b| without dividing by n_b twice.
                error += Math.abs(probabilitySum[b] - positives[b]) / n;
            }
        }
        return error;
    }

    /**
     * Mean absolute difference between predicted and true probabilities, for simulated data where
     * the truth is known. Unlike ECE it checks each sample, not only bin averages.
     *
     * @param probabilities [n] predicted probabilities, each in [0, 1]
     * @param trueProbabilities [n] true probabilities, each in [0, 1]
     * @return {@code mean |p - p_true|}, or NaN when {@code n == 0}
     * @throws IllegalArgumentException if the lengths differ or a value is outside [0, 1] or NaN
     */
    public static double meanAbsolute(float[] probabilities, float[] trueProbabilities) {
        if (probabilities.length != trueProbabilities.length) {
            throw new IllegalArgumentException("probabilities has " + probabilities.length
                    + " values but trueProbabilities has " + trueProbabilities.length);
        }
        int n = probabilities.length;
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.abs(checkProbability("probabilities", i, probabilities[i])
                    - checkProbability("trueProbabilities", i, trueProbabilities[i]));
        }
        return sum / n;
    }

    private static double checkProbability(String name, int row, float p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + "[" + row + "] = " + p + " is not a probability");
        }
        return p;
    }
}
