package io.kaml.model;

import io.kaml.nn.ExpertMixture;
import io.kaml.nn.Gradients;
import io.kaml.nn.Mlp;
import io.kaml.nn.ParameterSet;
import io.kaml.nn.SoftmaxGate;
import java.util.random.RandomGenerator;

/**
 * Multi-gate mixture of experts: {@code E} expert MLPs over the shared input, and per task a softmax
 * gate over the experts whose weighted sum is the task's representation. Every expert draws its own
 * weights, so experts start different and can specialise.
 */
public final class Mmoe implements Backbone {
    private final int inputWidth;
    private final Mlp[] experts;
    private final SoftmaxGate[] gates;
    private final ExpertMixture mixture;

    public Mmoe(ParameterSet parameters, ModelConfig config, int inputWidth, int tasks, RandomGenerator random) {
        this.inputWidth = inputWidth;
        experts = new Mlp[config.experts()];
        for (int e = 0; e < experts.length; e++) {
            experts[e] = new Mlp(parameters, "mmoe.expert" + e, inputWidth, config.expertHidden(), true, random);
        }
        gates = new SoftmaxGate[tasks];
        for (int t = 0; t < tasks; t++) {
            gates[t] = new SoftmaxGate(parameters, "mmoe.gate" + t, inputWidth, experts.length, random);
        }
        mixture = new ExpertMixture(experts.length, experts[0].out());
    }

    @Override
    public int inputWidth() {
        return inputWidth;
    }

    @Override
    public int outputWidth() {
        return experts[0].out();
    }

    @Override
    public int tasks() {
        return gates.length;
    }

    @Override
    public Pass newPass(int maxBatch) {
        return new MmoePass(maxBatch);
    }

    private final class MmoePass implements Pass {
        private final Mlp.Pass[] expertPasses = new Mlp.Pass[experts.length];
        private final float[][] expertOut = new float[experts.length][];
        private final float[][] dExpert = new float[experts.length][];
        private final float[][] gate = new float[gates.length][];
        private final float[][] out = new float[gates.length][];
        private final float[] dGate;
        private float[] x;
        private int batch;

        MmoePass(int maxBatch) {
            for (int e = 0; e < experts.length; e++) {
                expertPasses[e] = experts[e].newPass(maxBatch);
                dExpert[e] = new float[maxBatch * outputWidth()];
            }
            for (int t = 0; t < gates.length; t++) {
                gate[t] = new float[maxBatch * experts.length];
                out[t] = new float[maxBatch * outputWidth()];
            }
            dGate = new float[maxBatch * experts.length];
        }

        @Override
        public float[][] forward(float[] x, int batch) {
            this.x = x;
            this.batch = batch;
            for (int e = 0; e < experts.length; e++) {
                expertOut[e] = expertPasses[e].forward(x, batch);
            }
            for (int t = 0; t < gates.length; t++) {
                gates[t].forward(x, gate[t], batch);
                mixture.forward(expertOut, gate[t], out[t], batch);
            }
            return out;
        }

        @Override
        public void backward(float[][] dOut, float[] dx, Gradients gradients) {
            for (float[] d : dExpert) {
                java.util.Arrays.fill(d, 0, batch * outputWidth(), 0f);
            }
            java.util.Arrays.fill(dx, 0, batch * inputWidth, 0f);
            for (int t = 0; t < gates.length; t++) {
                mixture.backward(expertOut, gate[t], dOut[t], dExpert, dGate, batch);
                gates[t].backward(x, gate[t], dGate, dx, true, batch, gradients);
            }
            for (int e = 0; e < experts.length; e++) {
                expertPasses[e].backward(dExpert[e], dx, true, gradients);
            }
        }
    }
}
