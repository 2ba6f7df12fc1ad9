package io.kaml.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaml.nn.Gradients;
import io.kaml.nn.Parameter;
import io.kaml.nn.ParameterSet;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class HkeTowerTest {
    private static final int BATCH = 12;
    private static final int IN = 7;

    private static Gradients backward(HkeTower tower, ParameterSet parameters, float route, RandomGenerator random) {
        Tower.Pass pass = tower.newPass(BATCH);
        float[] x = TinyModels.uniform(BATCH * IN, random, -2, 2);
        float[] original = new float[BATCH];
        java.util.Arrays.fill(original, route);
        pass.forward(x, original, BATCH);
        Gradients gradients = parameters.newGradients();
        pass.backward(TinyModels.uniform(BATCH, random, -1, 1), new float[BATCH * IN], gradients);
        return gradients;
    }

    private static boolean allZero(Gradients gradients, ParameterSet parameters, String prefix) {
        for (Parameter p : parameters.parameters()) {
            if (p.name().startsWith(prefix)) {
                for (float g : gradients.dense(p)) {
                    if (g != 0f) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Test
    void extendedSamplesNeverUpdateTheOriginalSubTowerAndViceVersa() {
        ParameterSet parameters = new ParameterSet();
        RandomGenerator random = TinyModels.random(3);
        HkeTower tower = new HkeTower(parameters, "t", IN, List.of(6), 5, random);
        TinyModels.randomiseBiases(parameters, random);
        Gradients extended = backward(tower, parameters, 0f, random);
        assertThat(allZero(extended, parameters, "t.original")).isTrue();
        assertThat(allZero(extended, parameters, "t.extended")).isFalse();
        assertThat(allZero(extended, parameters, "t.trunk")).isFalse();
        Gradients original = backward(tower, parameters, 1f, random);
        assertThat(allZero(original, parameters, "t.extended")).isTrue();
        assertThat(allZero(original, parameters, "t.original")).isFalse();
        assertThat(allZero(original, parameters, "t.head")).isFalse();
    }

    @Test
    void servingScoresEveryActionOnItsOriginalPath() {
        MultiTaskModel model = MultiTaskModel.create(TinyModels.config(BackboneKind.MMOE).withHke(true), TinyModels.encoder(), 5);
        TinyModels.randomiseBiases(model.parameters(), TinyModels.random(8));
        TinyModels.Rows rows = TinyModels.Rows.random(TinyModels.random(9), BATCH);
        float[] served = model.newPass(BATCH).forward(rows.ids(), rows.numerical(), null, BATCH).clone();
        int actions = model.actions();
        boolean differsSomewhere = false;
        for (int t = 0; t < actions; t++) {
            int[] target = new int[BATCH];
            java.util.Arrays.fill(target, t);
            float[] routed = model.newPass(BATCH).forward(rows.ids(), rows.numerical(), target, BATCH);
            for (int r = 0; r < BATCH; r++) {
                assertThat(routed[r * actions + t]).isEqualTo(served[r * actions + t]);
                for (int other = 0; other < actions; other++) {
                    differsSomewhere |= other != t && routed[r * actions + other] != served[r * actions + other];
                }
            }
        }
        assertThat(differsSomewhere).as("the extended path gives other scores").isTrue();
    }

    @Test
    void theCapacityControlRoutesEverySampleOnTheOriginalPathWhateverItsTarget() {
        ModelConfig fixed = TinyModels.config(BackboneKind.MMOE).withHke(true, false);
        MultiTaskModel model = MultiTaskModel.create(fixed, TinyModels.encoder(), 5);
        TinyModels.randomiseBiases(model.parameters(), TinyModels.random(8));
        TinyModels.Rows rows = TinyModels.Rows.random(TinyModels.random(9), BATCH);
        float[] served = model.newPass(BATCH).forward(rows.ids(), rows.numerical(), null, BATCH).clone();
        int[] target = new int[BATCH];
        for (int r = 0; r < BATCH; r++) {
            target[r] = r % model.actions();
        }
        assertThat(model.newPass(BATCH).forward(rows.ids(), rows.numerical(), target, BATCH)).containsExactly(served);
        // Same tower, same weights as routed HKE: only the routing differs.
        assertThat(model.parameters().parameters().size()).isEqualTo(
                MultiTaskModel.create(fixed.withHke(true, true), TinyModels.encoder(), 5).parameters().parameters().size());
    }
}
