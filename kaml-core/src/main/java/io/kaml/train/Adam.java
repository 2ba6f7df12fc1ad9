package io.kaml.train;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Adam's element-wise update with bias correction. Dense parameters and lazy Adam's rows both go
 * through this one loop, so a row touched on every step follows dense Adam bit for bit.
 *
 * <p>The vector loop and the scalar tail do the same IEEE operations in the same order (no fused
 * multiply-add), so results do not depend on the vector width or on where the tail starts.
 */
final class Adam {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Longest correction table: 512 KB, enough for β up to ~0.9994 to reach exactly 1. */
    private static final int MAX_CORRECTIONS = 1 << 16;

    private final double beta1;
    private final double beta2;
    private final float decay1;
    private final float decay2;
    private final float gain1;
    private final float gain2;
    private final float epsilon;
    /** 1 - β^t by t: lazy Adam needs both per touched row, and two Math.pow per row were measured at a third of its step. */
    private final double[] corrections1;
    private final double[] corrections2;

    Adam(OptimizerConfig config) {
        beta1 = config.beta1();
        beta2 = config.beta2();
        decay1 = (float) beta1;
        decay2 = (float) beta2;
        gain1 = (float) (1 - beta1);
        gain2 = (float) (1 - beta2);
        epsilon = (float) config.epsilon();
        corrections1 = corrections(beta1);
        corrections2 = corrections(beta2);
    }

    /** 1 - β^t for t = 0, 1, ... until it is exactly 1 in double (it stays 1: Math.pow is semi-monotonic) or the cap. */
    static double[] corrections(double beta) {
        double[] table = new double[MAX_CORRECTIONS];
        int t = 0;
        while (t < MAX_CORRECTIONS && (t == 0 || table[t - 1] != 1.0)) {
            table[t] = 1 - Math.pow(beta, t);
            t++;
        }
        return Arrays.copyOf(table, t);
    }

    /** The same value as 1 - Math.pow(beta, t), from the table where it can. */
    static double correction(double[] table, double beta, long t) {
        if (t < table.length) {
            return table[(int) t];
        }
        return table[table.length - 1] == 1.0 ? 1.0 : 1 - Math.pow(beta, t);
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
        float stepSize = (float) (learningRate / correction(corrections1, beta1, t));
        float rootCorrection = (float) (1 / Math.sqrt(correction(corrections2, beta2, t)));
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            int k = offset + i;
            FloatVector wk = FloatVector.fromArray(SPECIES, w, k);
            FloatVector gi = FloatVector.fromArray(SPECIES, g, gOffset + i).mul(gradScale).add(wk.mul(l2));
            FloatVector mi = FloatVector.fromArray(SPECIES, m, k).mul(decay1).add(gi.mul(gain1));
            FloatVector vi = FloatVector.fromArray(SPECIES, v, k).mul(decay2).add(gi.mul(gain2).mul(gi));
            mi.intoArray(m, k);
            vi.intoArray(v, k);
            wk.sub(mi.mul(stepSize).div(vi.sqrt().mul(rootCorrection).add(epsilon))).intoArray(w, k);
        }
        for (; i < n; i++) {
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
