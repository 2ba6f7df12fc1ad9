package io.kaml.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The gate-weighted sum of expert outputs, y[r] = Σ_e gates[r, e] · expert_e[r], as in MMoE and PLE.
 * It has no parameters.
 */
public final class ExpertMixture {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private final int experts;
    private final int width;
    private final int vectorWidth;

    /** @param width the width d of every expert output */
    public ExpertMixture(int experts, int width) {
        if (experts < 1 || width < 1) {
            throw new IllegalArgumentException("need experts >= 1 and width >= 1");
        }
        this.experts = experts;
        this.width = width;
        this.vectorWidth = SPECIES.loopBound(width);
    }

    public int experts() {
        return experts;
    }

    public int width() {
        return width;
    }

    /**
     * @param expertOutputs [experts][batch, width]
     * @param gates         [batch, experts]
     * @param y             [batch, width], overwritten
     */
    public void forward(float[][] expertOutputs, float[] gates, float[] y, int batch) {
        requireExperts(expertOutputs);
        for (int r = 0; r < batch; r++) {
            int row = r * width;
            float g0 = gates[r * experts];
            float[] first = expertOutputs[0];
            for (int d = 0; d < width; d++) {
                y[row + d] = g0 * first[row + d];
            }
            for (int e = 1; e < experts; e++) {
                float g = gates[r * experts + e];
                float[] expert = expertOutputs[e];
                for (int d = 0; d < width; d++) {
                    y[row + d] += g * expert[row + d];
                }
            }
        }
    }

    /**
     * dExpert_e[r] += gates[r, e] · dy[r], and dGates[r, e] = dy[r] · expert_e[r]. Expert gradients are
     * added because an expert feeds the mixture of every task; the gates belong to this mixture alone.
     *
     * @param expertOutputs [experts][batch, width], the forward inputs
     * @param gates         [batch, experts]
     * @param dy            [batch, width]
     * @param dExperts      [experts][batch, width], added to
     * @param dGates        [batch, experts], overwritten
     */
    public void backward(float[][] expertOutputs, float[] gates, float[] dy, float[][] dExperts, float[] dGates,
                         int batch) {
        requireExperts(expertOutputs);
        requireExperts(dExperts);
        for (int e = 0; e < experts; e++) {
            float[] expert = expertOutputs[e];
            float[] dExpert = dExperts[e];
            for (int r = 0; r < batch; r++) {
                int row = r * width;
                FloatVector g = FloatVector.broadcast(SPECIES, gates[r * experts + e]);
                FloatVector dots = FloatVector.zero(SPECIES);
                int d = 0;
                for (; d < vectorWidth; d += SPECIES.length()) {
                    FloatVector gradient = FloatVector.fromArray(SPECIES, dy, row + d);
                    g.fma(gradient, FloatVector.fromArray(SPECIES, dExpert, row + d)).intoArray(dExpert, row + d);
                    dots = gradient.fma(FloatVector.fromArray(SPECIES, expert, row + d), dots);
                }
                float dot = LaneSum.of(dots);
                float scalarGate = gates[r * experts + e];
                for (; d < width; d++) {
                    dExpert[row + d] += scalarGate * dy[row + d];
                    dot += dy[row + d] * expert[row + d];
                }
                dGates[r * experts + e] = dot;
            }
        }
    }

    private void requireExperts(float[][] arrays) {
        if (arrays.length != experts) {
            throw new IllegalArgumentException("expected " + experts + " expert arrays, got " + arrays.length);
        }
    }
}
