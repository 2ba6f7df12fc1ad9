package io.kaml.model;

import io.kaml.nn.Gradients;
import io.kaml.nn.Mlp;
import io.kaml.nn.ParameterSet;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/** One bottom MLP whose output every task shares: the simplest hard parameter sharing. */
public final class SharedBottom implements Backbone {
    private final int inputWidth;
    private final int tasks;
    private final Mlp bottom;

    public SharedBottom(ParameterSet parameters, ModelConfig config, int inputWidth, int tasks, RandomGenerator random) {
        this.inputWidth = inputWidth;
        this.tasks = tasks;
        bottom = new Mlp(parameters, "bottom", inputWidth, config.expertHidden(), true, random);
    }

    @Override
    public int inputWidth() {
        return inputWidth;
    }

    @Override
    public int outputWidth() {
        return bottom.out();
    }

    @Override
    public int tasks() {
        return tasks;
    }

    @Override
    public Pass newPass(int maxBatch) {
        Mlp.Pass pass = bottom.newPass(maxBatch);
        float[][] out = new float[tasks][];
        float[] dSum = new float[maxBatch * bottom.out()];
        return new Pass() {
            private int batch;

            @Override
            public float[][] forward(float[] x, int batch) {
                this.batch = batch;
                Arrays.fill(out, pass.forward(x, batch));
                return out;
            }

            @Override
            public void backward(float[][] dOut, float[] dx, Gradients gradients) {
                int size = batch * bottom.out();
                System.arraycopy(dOut[0], 0, dSum, 0, size);
                for (int t = 1; t < tasks; t++) {
                    for (int k = 0; k < size; k++) {
                        dSum[k] += dOut[t][k];
                    }
                }
                pass.backward(dSum, dx, false, gradients);
            }
        };
    }
}
