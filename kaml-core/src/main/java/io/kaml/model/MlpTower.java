package io.kaml.model;

import io.kaml.nn.Gradients;
import io.kaml.nn.Mlp;
import io.kaml.nn.ParameterSet;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** The plain tower: width → hidden (ReLU) ... → 1 logit. */
public final class MlpTower implements Tower {
    private final Mlp mlp;

    public MlpTower(ParameterSet parameters, String name, int in, List<Integer> hidden, RandomGenerator random) {
        List<Integer> widths = new ArrayList<>(hidden);
        widths.add(1);
        mlp = new Mlp(parameters, name, in, widths, false, random);
    }

    @Override
    public Pass newPass(int maxBatch) {
        Mlp.Pass pass = mlp.newPass(maxBatch);
        return new Pass() {
            @Override
            public float[] forward(float[] x, float[] original, int batch) {
                return pass.forward(x, batch);
            }

            @Override
            public void backward(float[] dLogits, float[] dx, Gradients gradients) {
                pass.backward(dLogits, dx, false, gradients);
            }
        };
    }
}
