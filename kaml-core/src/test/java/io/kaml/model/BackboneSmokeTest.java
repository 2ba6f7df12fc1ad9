package io.kaml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kaml.nn.Gradients;
import io.kaml.nn.Parameter;
import io.kaml.nn.ParameterSet;
import io.kaml.nn.SigmoidCrossEntropy;
import io.kaml.nn.SparseRows;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every backbone must do inside a model: shape, initialisation, determinism, and learning. */
class BackboneSmokeTest {
    private static final int MAX_BATCH = 16;
    private static final int BATCH = 5;

    private static MultiTaskModel model(BackboneKind kind, long seed) {
        return MultiTaskModel.create(TinyModels.config(kind), TinyModels.encoder(), seed);
    }

    private static float[] logits(MultiTaskModel model, TinyModels.Rows rows) {
        float[] logits = model.newPass(MAX_BATCH).forward(rows.ids(), rows.numerical(), rows.target(), rows.size());
        return Arrays.copyOf(logits, rows.size() * model.actions());
    }

    @ParameterizedTest
    @EnumSource(BackboneKind.class)
    void forwardGivesFiniteLogitsPerRowAndAction(BackboneKind kind) {
        MultiTaskModel model = model(kind, 1);
        TinyModels.Rows rows = TinyModels.Rows.random(TinyModels.random(2), BATCH);
        MultiTaskModel.Pass pass = model.newPass(MAX_BATCH);
        float[] logits = pass.forward(rows.ids(), rows.numerical(), rows.target(), BATCH);
        assertThat(logits.length).isGreaterThanOrEqualTo(BATCH * TinyModels.ACTIONS);
        float[] batch = Arrays.copyOf(logits, BATCH * TinyModels.ACTIONS);
        for (float z : batch) {
            assertThat(Float.isFinite(z)).isTrue();
        }
        assertThat(batch).as("not all zero").isNotEqualTo(new float[batch.length]);
        // Each row's logits come from that row alone, whatever the batch around it.
        int fields = TinyModels.BUCKETS.length;
        for (int r = 0; r < BATCH; r++) {
            float[] alone = pass.forward(Arrays.copyOfRange(rows.ids(), r * fields, (r + 1) * fields),
                    Arrays.copyOfRange(rows.numerical(), r * TinyModels.NUMERICAL, (r + 1) * TinyModels.NUMERICAL),
                    new int[] {rows.target()[r]}, 1);
            for (int t = 0; t < TinyModels.ACTIONS; t++) {
                assertThat(alone[t]).isCloseTo(batch[r * TinyModels.ACTIONS + t], within(1e-5f));
            }
        }
    }

    /** Every layer draws its own weights; in MMoE and PLE this is what lets experts specialise. */
    @ParameterizedTest
    @EnumSource(BackboneKind.class)
    void noTwoWeightMatricesStartEqual(BackboneKind kind) {
        ParameterSet parameters = model(kind, 3).parameters();
        List<Parameter> weights = parameters.parameters().stream().filter(p -> p.name().endsWith(".weight")).toList();
        for (int i = 0; i < weights.size(); i++) {
            for (int j = i + 1; j < weights.size(); j++) {
                assertThat(parameters.values(weights.get(i)))
                        .as("%s vs %s", weights.get(i).name(), weights.get(j).name())
                        .isNotEqualTo(parameters.values(weights.get(j)));
            }
        }
        long experts = weights.stream().filter(p -> p.name().contains("expert") && p.name().endsWith(".0.weight")).count();
        if (kind == BackboneKind.MMOE || kind == BackboneKind.PLE) {
            assertThat(experts).isGreaterThanOrEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(BackboneKind.class)
    void theSeedDeterminesParametersAndLogits(BackboneKind kind) {
        MultiTaskModel first = model(kind, 42);
        MultiTaskModel again = model(kind, 42);
        MultiTaskModel other = model(kind, 43);
        boolean anyDiffers = false;
        for (Parameter parameter : first.parameters().parameters()) {
            float[] a = first.parameters().values(parameter);
            float[] b = again.parameters().values(again.parameters().get(parameter.name()));
            assertThat(Arrays.equals(a, b)).as(parameter.name()).isTrue();
            anyDiffers |= !Arrays.equals(a, other.parameters().values(other.parameters().get(parameter.name())));
        }
        assertThat(anyDiffers).isTrue();
        TinyModels.Rows rows = TinyModels.Rows.random(TinyModels.random(5), BATCH);
        assertThat(Arrays.equals(logits(first, rows), logits(again, rows))).isTrue();
        assertThat(logits(first, rows)).isNotEqualTo(logits(other, rows));
    }

    /**
     * A label per action that a linear function of the inputs separates: action 0 follows the first
     * number, action 1 the second, action 2 their sum, each shifted by ±0.5 by the parity of one
     * categorical bucket (field t for action t). Plain full-batch SGD must at least halve the BCE.
     */
    @ParameterizedTest
    @EnumSource(BackboneKind.class)
    void plainSgdLearnsASeparableTask(BackboneKind kind) {
        int rows = 64;
        int actions = TinyModels.ACTIONS;
        int fields = TinyModels.BUCKETS.length;
        float learningRate = 0.5f;
        MultiTaskModel model = model(kind, 9);
        TinyModels.Rows data = TinyModels.Rows.random(TinyModels.random(10), rows);
        float[] labels = new float[rows * actions];
        for (int r = 0; r < rows; r++) {
            float n0 = data.numerical()[r * 2];
            float n1 = data.numerical()[r * 2 + 1];
            float[] linear = {n0, n1, n0 + n1};
            for (int t = 0; t < actions; t++) {
                float shift = data.ids()[r * fields + t] % 2 == 0 ? 0.5f : -0.5f;
                labels[r * actions + t] = linear[t] + shift > 0 ? 1f : 0f;
            }
        }
        ParameterSet parameters = model.parameters();
        Gradients gradients = parameters.newGradients();
        MultiTaskModel.Pass pass = model.newPass(rows);
        float[] dLogits = new float[rows * actions];
        double initial = Double.NaN;
        double loss = Double.NaN;
        for (int step = 0; step <= 300; step++) {
            float[] logits = pass.forward(data.ids(), data.numerical(), data.target(), rows);
            loss = 0;
            for (int i = 0; i < rows * actions; i++) {
                loss += SigmoidCrossEntropy.loss(logits[i], labels[i]) / (rows * actions);
                dLogits[i] = (SigmoidCrossEntropy.sigmoid(logits[i]) - labels[i]) / (rows * actions);
            }
            if (step == 0) {
                initial = loss;
            }
            gradients.clear();
            pass.backward(dLogits, gradients);
            sgd(parameters, gradients, learningRate);
        }
        System.out.printf("%-14s SGD on a separable task: BCE %.4f -> %.4f%n", kind.key(), initial, loss);
        assertThat(loss).isLessThan(initial / 2);
    }

    /** value -= rate · gradient, for dense parameters and for the embedding rows the batch touched. */
    private static void sgd(ParameterSet parameters, Gradients gradients, float rate) {
        for (Parameter parameter : parameters.parameters()) {
            float[] values = parameters.values(parameter);
            if (parameter.sparse()) {
                SparseRows rows = gradients.sparse(parameter);
                int dim = parameter.cols();
                float[] gradient = rows.values();
                for (int s = 0; s < rows.count(); s++) {
                    int offset = rows.row(s) * dim;
                    for (int d = 0; d < dim; d++) {
                        values[offset + d] -= rate * gradient[s * dim + d];
                    }
                }
            } else {
                float[] gradient = gradients.dense(parameter);
                for (int i = 0; i < values.length; i++) {
                    values[i] -= rate * gradient[i];
                }
            }
        }
    }
}
