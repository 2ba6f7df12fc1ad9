package io.kaml.loss;

import io.kaml.nn.SigmoidCrossEntropy;

/**
 * Masked binary cross-entropy on logits, normalised per action by the masked count of the whole batch
 * (METHOD §2.4): {@code L = sum_j w_j / max(1, sum_i m_ij) * sum_i m_ij * BCE(y_ij, sigmoid(z_ij))}.
 *
 * <p>Normalisers are computed once per batch with {@link #prepare}; then any slice of the batch can be
 * evaluated independently (data-parallel workers) and the slice losses and gradients simply add up to
 * those of the whole batch.
 */
public final class MaskedBinaryCrossEntropy {
    private final float[] weights;
    private final float[] scale;

    /** @param weights [actions] per-action weights {@code w_j} */
    public MaskedBinaryCrossEntropy(float[] weights) {
        for (int j = 0; j < weights.length; j++) {
            if (!(weights[j] >= 0) || Float.isInfinite(weights[j])) {
                throw new IllegalArgumentException("action weight " + j + " must be a finite non-negative number, got " + weights[j]);
            }
        }
        this.weights = weights.clone();
        this.scale = new float[weights.length];
    }

    /**
     * Computes per-action normalisers from the whole batch's mask.
     *
     * @param mask [batch, actions]
     */
    public void prepare(float[] mask, int batch) {
        int a = weights.length;
        for (int j = 0; j < a; j++) {
            float count = 0;
            for (int i = 0; i < batch; i++) {
                count += mask[i * a + j];
            }
            scale[j] = weights[j] / Math.max(1f, count);
        }
    }

    /**
     * Loss of a slice and its gradient with respect to the logits, with the normalisers of the last
     * {@link #prepare} call.
     *
     * @param logits [rows, actions]
     * @param labels [rows, actions] 1 or 0 where masked (anything where not)
     * @param mask   [rows, actions]
     * @param grad   [rows, actions] output: dL/dz, overwritten
     * @return the slice's contribution to L
     */
    public double lossAndGradient(float[] logits, float[] labels, float[] mask, int rows, float[] grad) {
        int a = weights.length;
        double loss = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < a; j++) {
                int k = i * a + j;
                float m = mask[k];
                if (m == 0f) {
                    grad[k] = 0f;
                    continue;
                }
                float z = logits[k];
                float y = labels[k];
                float s = scale[j] * m;
                loss += s * SigmoidCrossEntropy.loss(z, y);
                grad[k] = s * (SigmoidCrossEntropy.sigmoid(z) - y);
            }
        }
        return loss;
    }
}
