package io.kaml.nn;

/**
 * The sigmoid output and binary cross-entropy on a logit, in forms that stay finite for any logit:
 * BCE(z, y) = max(z, 0) − z·y + log(1 + e^(−|z|)) never exponentiates a positive number, and its
 * derivative with respect to z is simply σ(z) − y. Losses that mask and weight it live in {@code loss}.
 */
public final class SigmoidCrossEntropy {
    private SigmoidCrossEntropy() {
    }

    /** σ(z), computed from e^(−|z|) so that neither branch overflows. */
    public static float sigmoid(float z) {
        if (z >= 0f) {
            return (float) (1.0 / (1.0 + Math.exp(-z)));
        }
        double e = Math.exp(z);
        return (float) (e / (1.0 + e));
    }

    /** BCE(σ(z), y) for a label y in [0, 1], in double. */
    public static double loss(float z, float y) {
        return Math.max(z, 0.0) - (double) z * y + Math.log1p(Math.exp(-Math.abs(z)));
    }
}
