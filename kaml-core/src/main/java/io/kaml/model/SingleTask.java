package io.kaml.model;

import io.kaml.nn.Gradients;
import io.kaml.nn.Mlp;
import io.kaml.nn.ParameterSet;
import java.util.random.RandomGenerator;

/**
 * One independent bottom MLP per task: no parameters shared between tasks above the input. The
 * embedding table below is still shared (as in the other backbones), so this is the "separate
 * networks" baseline, not separate embedding tables per action.
 */
public final class SingleTask implements Backbone {
    private final int inputWidth;
    private final Mlp[] bottoms;

    public SingleTask(ParameterSet parameters, ModelConfig config, int inputWidth, int tasks, RandomGenerator random) {
        this.inputWidth = inputWidth;
        bottoms = new Mlp[tasks];
        for (int t = 0; t < tasks; t++) {
            bottoms[t] = new Mlp(parameters, "single.task" + t, inputWidth, config.expertHidden(), true, random);
        }
    }

    @Override
    public int inputWidth() {
        return inputWidth;
    }

    @Override
    public int outputWidth() {
        return bottoms[0].out();
    }

    @Override
    public int tasks() {
        return bottoms.length;
    }

    @Override
    public Pass newPass(int maxBatch) {
        Mlp.Pass[] passes = new Mlp.Pass[bottoms.length];
        for (int t = 0; t < bottoms.length; t++) {
            passes[t] = bottoms[t].newPass(maxBatch);
        }
        float[][] out = new float[bottoms.length][];
        return new Pass() {
            @Override
            public float[][] forward(float[] x, int batch) {
                for (int t = 0; t < passes.length; t++) {
                    out[t] = passes[t].forward(x, batch);
                }
                return out;
            }

            @Override
            public void backward(float[][] dOut, float[] dx, Gradients gradients) {
                for (int t = 0; t < passes.length; t++) {
                    passes[t].backward(dOut[t], dx, t > 0, gradients);
                }
            }
        };
    }
}
