package io.kaml.model;

import io.kaml.nn.Dense;
import io.kaml.nn.Gradients;
import io.kaml.nn.Mlp;
import io.kaml.nn.ParameterSet;
import io.kaml.nn.WeightInit;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * HKE's tower (METHOD §3): a shared trunk, then two sub-towers — one for the action's <i>original</i>
 * samples (whose target is this action), one for the <i>extended</i> samples ADM added — then a shared
 * head: {@code z = head(M * sub_orig(t) + (1 - M) * sub_ext(t))} with {@code M = 1[o_i = j]}.
 * The mix multiplies the other path by exactly 0, so an extended sample's gradient never reaches
 * {@code sub_orig} and an original sample's never reaches {@code sub_ext}. Serving uses M = 1.
 */
public final class HkeTower implements Tower {
    private final Mlp trunk;
    private final Mlp original;
    private final Mlp extended;
    private final Dense head;
    private final int width;

    /**
     * @param trunkWidths widths of the shared trunk (ReLU)
     * @param subWidth    width of each sub-tower (one ReLU layer)
     */
    public HkeTower(ParameterSet parameters, String name, int in, List<Integer> trunkWidths, int subWidth, RandomGenerator random) {
        trunk = trunkWidths.isEmpty() ? null : new Mlp(parameters, name + ".trunk", in, trunkWidths, true, random);
        int trunkOut = trunk == null ? in : trunk.out();
        original = new Mlp(parameters, name + ".original", trunkOut, List.of(subWidth), true, random);
        extended = new Mlp(parameters, name + ".extended", trunkOut, List.of(subWidth), true, random);
        head = new Dense(parameters, name + ".head", subWidth, 1, WeightInit.XAVIER_UNIFORM, random);
        width = subWidth;
    }

    @Override
    public Pass newPass(int maxBatch) {
        Mlp.Pass trunkPass = trunk == null ? null : trunk.newPass(maxBatch);
        Mlp.Pass originalPass = original.newPass(maxBatch);
        Mlp.Pass extendedPass = extended.newPass(maxBatch);
        float[] mixed = new float[maxBatch * width];
        float[] logits = new float[maxBatch];
        float[] dMixed = new float[maxBatch * width];
        float[] dOriginal = new float[maxBatch * width];
        float[] dExtended = new float[maxBatch * width];
        float[] dTrunk = new float[maxBatch * (trunk == null ? 0 : trunk.out())];
        return new Pass() {
            private float[] route;
            private int batch;

            @Override
            public float[] forward(float[] x, float[] original, int batch) {
                this.route = original;
                this.batch = batch;
                float[] t = trunkPass == null ? x : trunkPass.forward(x, batch);
                float[] ho = originalPass.forward(t, batch);
                float[] he = extendedPass.forward(t, batch);
                for (int r = 0; r < batch; r++) {
                    float m = original[r];
                    for (int d = 0; d < width; d++) {
                        int k = r * width + d;
                        mixed[k] = m * ho[k] + (1 - m) * he[k];
                    }
                }
                head.forward(mixed, logits, batch);
                return logits;
            }

            @Override
            public void backward(float[] dLogits, float[] dx, Gradients gradients) {
                head.backward(mixed, dLogits, dMixed, false, batch, gradients);
                for (int r = 0; r < batch; r++) {
                    float m = route[r];
                    for (int d = 0; d < width; d++) {
                        int k = r * width + d;
                        dOriginal[k] = m * dMixed[k];
                        dExtended[k] = (1 - m) * dMixed[k];
                    }
                }
                float[] dT = trunkPass == null ? dx : dTrunk;
                originalPass.backward(dOriginal, dT, false, gradients);
                extendedPass.backward(dExtended, dT, true, gradients);
                if (trunkPass != null) {
                    trunkPass.backward(dTrunk, dx, false, gradients);
                }
            }
        };
    }
}
