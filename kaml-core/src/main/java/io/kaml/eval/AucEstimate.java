package io.kaml.eval;

/**
 * An AUC, or a difference of two presets' AUCs, averaged over training seeds whose runs were all scored
 * on one test set, with a standard error that counts both sources of error: the seeds (initialisation
 * and shuffling) and the test set (which samples happened to be drawn). A paired t-test over seeds sees
 * only the first; on a test set with a handful of positives the second is the larger by far.
 *
 * <p>The rule, for the seeds' values {@code x_s} (an AUC, or {@code AUC_preset,s - AUC_base,s}) and
 * their test-sample variances {@code v_s} from {@link DeLong} (for a difference, of the two runs'
 * AUCs together, so the covariance of two models on the same samples is used):
 *
 * <ul>
 *   <li>{@code mean = sum x_s / S};
 *   <li>{@code seedVariance = s^2 / S}, {@code s^2} the sample variance of the {@code x_s} (0 with one
 *       seed): the training noise of the mean;
 *   <li>{@code testVariance = sum v_s / S}, <em>not</em> divided by {@code S} again: every seed is
 *       scored on the same test samples, so their test-sample errors are strongly correlated and
 *       averaging seeds does not average them away. The variance of an average of correlated errors is
 *       at most the average of their variances (equal when they are fully correlated with equal
 *       variances), so this is conservative;
 *   <li>{@code standardError = sqrt(seedVariance + testVariance)};
 *   <li>degrees of freedom by Welch–Satterthwaite, {@code se^4 / (seedVariance^2 / (S - 1))}, the test
 *       part taken as known, since it rests on every test sample and the undecided rule of
 *       {@link TestCount} keeps both classes sizeable (infinite with one seed or no spread). A normal approximation would be
 *       wrong when the seed part dominates: its estimate from three seeds has 2 degrees of freedom, and
 *       {@code t = 3} means p 0.095 there, not the normal's 0.0027. With no test variance this is the
 *       paired t-test; with no seed variance, the normal test of DeLong's variance;
 *   <li>{@code p}: two-sided, of {@code mean = 0} (for a difference: of no difference), from
 *       {@code t = mean / standardError}; the interval {@code mean ± t_(df, 0.975) * standardError}.
 * </ul>
 *
 * @param seeds            seeds with a defined value
 * @param mean             mean of their values, NaN without any
 * @param seedVariance     {@code s^2 / S}, 0 with one seed
 * @param testVariance     mean of the test-sample variances
 * @param degreesOfFreedom of the t distribution the test uses; {@code +Infinity} is the normal
 */
public record AucEstimate(int seeds, double mean, double seedVariance, double testVariance, double degreesOfFreedom) {
    /** The level of {@link #low()} and {@link #high()}. */
    public static final double CONFIDENCE = 0.95;

    /**
     * @param values        [seeds] the per-seed AUCs or AUC differences; NaN where undefined (a test
     *                      split with one class), and such seeds are left out
     * @param testVariances [seeds] their DeLong variances; NaN where undefined (fewer than two of a
     *                      class), which leaves the standard error, p and interval undefined
     */
    public static AucEstimate of(double[] values, double[] testVariances) {
        if (values.length != testVariances.length) {
            throw new IllegalArgumentException(values.length + " values but " + testVariances.length + " variances");
        }
        int seeds = 0;
        double sum = 0;
        double variances = 0;
        for (int s = 0; s < values.length; s++) {
            if (!Double.isNaN(values[s])) {
                seeds++;
                sum += values[s];
                variances += testVariances[s];
            }
        }
        if (seeds == 0) {
            return new AucEstimate(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = sum / seeds;
        double squares = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        double seedVariance = seeds < 2 ? 0 : squares / (seeds - 1) / seeds;
        double testVariance = variances / seeds;
        double total = seedVariance + testVariance;
        double df = seedVariance == 0 ? Double.POSITIVE_INFINITY : total * total / (seedVariance * seedVariance / (seeds - 1));
        return new AucEstimate(seeds, mean, seedVariance, testVariance, df);
    }

    public double standardError() {
        return Math.sqrt(seedVariance + testVariance);
    }

    /**
     * Two-sided p of {@code mean = 0}; NaN without a standard error. With a standard error of 0
     * (identical models) it is 1 for a mean of 0 and 0 otherwise, the limits as the error goes to 0.
     */
    public double p() {
        double se = standardError();
        if (Double.isNaN(se)) {
            return Double.NaN;
        }
        if (se == 0) {
            return mean == 0 ? 1 : 0;
        }
        return StudentT.twoSidedP(mean / se, degreesOfFreedom);
    }

    /** Lower end of the {@value #CONFIDENCE} interval; NaN without a standard error. */
    public double low() {
        return mean - halfWidth();
    }

    /** Upper end of the {@value #CONFIDENCE} interval; NaN without a standard error. */
    public double high() {
        return mean + halfWidth();
    }

    /** {@link #low()} cut to [0, 1]: a mean AUC's interval, which on few samples can overshoot the range an AUC lies in. */
    public double aucLow() {
        return Math.max(0, low());
    }

    /** {@link #high()} cut to [0, 1], as {@link #aucLow()}. */
    public double aucHigh() {
        return Math.min(1, high());
    }

    private double halfWidth() {
        double se = standardError();
        if (Double.isNaN(se)) {
            return Double.NaN;
        }
        return se == 0 ? 0 : StudentT.criticalValue(1 - CONFIDENCE, degreesOfFreedom) * se;
    }
}
