package io.kaml.train;

/**
 * Adam's element-wise update with bias correction. Dense parameters and lazy Adam's rows both go
 * through this one loop, so a row touched on every step follows dense Adam bit for bit.
 */
final class Adam {
    private final double beta1;
    private final double beta2;
    private final float decay1;
    private final float decay2;
    private final float gain1;
    private final float gain2;
    private final float epsilon;

    Adam(OptimizerConfig config) {
        beta1 = config.beta1();
        beta2 = config.beta2();
        decay1 = (float) beta1;
        decay2 = (float) beta2;
        gain1 = (float) (1 - beta1);
        gain2 = (float) (1 - beta2);
        epsilon = (float) config.epsilon();
    }

    /**
     * Applies step {@code t} (1-based) of Adam to {@code w[offset, offset + n)} and its moments
     * {@code m}, {@code v} (laid out like {@code w}), with gradient
     * {@code g[gOffset + i] · gradScale + l2 · w[offset + i]}.
     */
    void update(float[] w, float[] m, float[] v, int offset, float[] g, int gOffset, int n,
                float gradScale, float l2, double learningRate, long t) {
        // Folding both corrections into two scalars (lr / (1 - β1^t) and 1 / sqrt(1 - β2^t)) is
        // exactly m̂ / (sqrt(v̂) + ε) rearranged, with ε still added after the correction.
        float stepSize = (float) (learningRate / (1 - Math.pow(beta1, t)));
        float rootCorrection = (float) (1 / Math.sqrt(1 - Math.pow(beta2, t)));
        for (int i = 0; i < n; i++) {
            int k = offset + i;
            float gi = g[gOffset + i] * gradScale + l2 * w[k];
            float mi = decay1 * m[k] + gain1 * gi;
            float vi = decay2 * v[k] + gain2 * gi * gi;
            m[k] = mi;
            v[k] = vi;
            w[k] -= stepSize * mi / ((float) Math.sqrt(vi) * rootCorrection + epsilon);
        }
    }
}
