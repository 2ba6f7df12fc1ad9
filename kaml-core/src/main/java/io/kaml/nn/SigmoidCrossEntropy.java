package io.kaml.nn;

/**
 * The sigmoid output and the masked binary cross-entropy on logits, in forms that stay finite for
 * any logit: BCE(z, y) = max(z, 0) − z·y + log(1 + e^(−|z|)) never exponentiates a positive number,
 * and its gradient with respect to z is simply σ(z) − y.
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

    /**
     * Writes probabilities = σ(logits) and returns Σ mask · BCE(logits, labels), summed in double.
     *
     * @param logits        [n]
     * @param labels        [n], 0 or 1
     * @param mask          [n], 0 leaves a sample out of the loss, any other value weights it
     * @param probabilities [n], overwritten
     */
    public static double forward(float[] logits, float[] labels, float[] mask, float[] probabilities, int n) {
        double loss = 0;
        for (int i = 0; i < n; i++) {
            float z = logits[i];
            probabilities[i] = sigmoid(z);
            if (mask[i] != 0f) {
                loss += mask[i] * (Math.max(z, 0.0) - (double) z * labels[i] + Math.log1p(Math.exp(-Math.abs(z))));
            }
        }
        return loss;
    }

    /**
     * dLogits = (probabilities − labels) · mask · scale, the gradient of scale · Σ mask · BCE; scale
     * carries the loss weight and the per-task normalisation.
     *
     * @param probabilities [n], from {@link #forward}
     * @param labels        [n]
     * @param mask          [n]
     * @param dLogits       [n], overwritten
     */
    public static void backward(float[] probabilities, float[] labels, float[] mask, float scale, float[] dLogits,
                                int n) {
        for (int i = 0; i < n; i++) {
            dLogits[i] = (probabilities[i] - labels[i]) * mask[i] * scale;
        }
    }
}
