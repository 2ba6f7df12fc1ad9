package io.kaml.eval;

/**
 * Mean binary cross-entropy of predicted probabilities.
 *
 * <p>Probabilities are clipped to [{@value #EPSILON}, 1 - {@value #EPSILON}] first, so a confident
 * wrong prediction costs about 16.1 nats instead of infinity: one such sample must not make the mean
 * useless. The clip bounds are applied in {@code double}.
 */
public final class LogLoss {

    /** Lower clip bound; the upper bound is {@code 1 - EPSILON}. */
    public static final double EPSILON = 1e-7;

    private LogLoss() {
    }

    /**
     * Mean of {@code -(y ln p + (1 - y) ln(1 - p))} over the samples.
     *
     * @param probabilities [n] predicted probabilities of the positive class
     * @param labels [n] labels
     * @return the mean loss in nats, or NaN when {@code n == 0}
     * @throws IllegalArgumentException if the lengths differ or a probability is NaN
     */
    public static double of(float[] probabilities, boolean[] labels) {
        if (probabilities.length != labels.length) {
            throw new IllegalArgumentException("probabilities has " + probabilities.length
                    + " values but labels has " + labels.length);
        }
        if (probabilities.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            float p = probabilities[i];
            if (Float.isNaN(p)) {
                throw new IllegalArgumentException("probability of row " + i + " is NaN");
            }
            double clipped = Math.min(Math.max(p, EPSILON), 1 - EPSILON);
            sum -= labels[i] ? Math.log(clipped) : Math.log1p(-clipped);
        }
        return sum / probabilities.length;
    }
}
