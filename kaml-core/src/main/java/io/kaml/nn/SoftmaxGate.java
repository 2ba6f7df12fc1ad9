package io.kaml.nn;

import java.util.random.RandomGenerator;

/**
 * A gating network: gates = softmax(x·Wg + bg) over E experts, row by row, with Wg [in, E] and
 * bg [E] registered as {@code name.weight} and {@code name.bias}.
 */
public final class SoftmaxGate {
    private final Dense logits;
    private final int experts;

    /** Draws Wg with Xavier bounds, suited to a softmax input. */
    public SoftmaxGate(ParameterSet parameters, String name, int in, int experts, RandomGenerator random) {
        if (experts < 1) {
            throw new IllegalArgumentException("need at least one expert");
        }
        this.logits = new Dense(parameters, name, in, experts, WeightInit.XAVIER_UNIFORM, random);
        this.experts = experts;
    }

    public int in() {
        return logits.in();
    }

    public int experts() {
        return experts;
    }

    public Parameter weight() {
        return logits.weight();
    }

    public Parameter bias() {
        return logits.bias();
    }

    /**
     * gates = softmax(x·Wg + bg) per row; the row maximum is subtracted before exp so large logits
     * cannot overflow.
     *
     * @param x     [batch, in]
     * @param gates [batch, experts], overwritten
     */
    public void forward(float[] x, float[] gates, int batch) {
        logits.forward(x, gates, batch);
        for (int r = 0; r < batch; r++) {
            int row = r * experts;
            float max = gates[row];
            for (int e = 1; e < experts; e++) {
                max = Math.max(max, gates[row + e]);
            }
            float sum = 0f;
            for (int e = 0; e < experts; e++) {
                float g = (float) Math.exp(gates[row + e] - max);
                gates[row + e] = g;
                sum += g;
            }
            float inverse = 1f / sum;
            for (int e = 0; e < experts; e++) {
                gates[row + e] *= inverse;
            }
        }
    }

    /**
     * Back through the softmax, dLogit_e = g_e · (dGate_e − Σ_f g_f · dGate_f), then through the
     * affine map. Adds the parameter gradients to {@code gradients}; writes dx, or adds to it when
     * {@code addToDx}.
     *
     * @param x      [batch, in], the forward input
     * @param gates  [batch, experts], the forward output
     * @param dGates [batch, experts]; overwritten with the logit gradient
     * @param dx     [batch, in]
     */
    public void backward(float[] x, float[] gates, float[] dGates, float[] dx, boolean addToDx, int batch,
                         Gradients gradients) {
        for (int r = 0; r < batch; r++) {
            int row = r * experts;
            float dot = 0f;
            for (int e = 0; e < experts; e++) {
                dot += gates[row + e] * dGates[row + e];
            }
            for (int e = 0; e < experts; e++) {
                dGates[row + e] = gates[row + e] * (dGates[row + e] - dot);
            }
        }
        logits.backward(x, dGates, dx, addToDx, batch, gradients);
    }
}
