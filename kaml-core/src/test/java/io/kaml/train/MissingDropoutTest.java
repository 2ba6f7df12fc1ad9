package io.kaml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaml.artifact.EncoderCodec;
import io.kaml.artifact.ParameterValues;
import io.kaml.artifact.Tensor;
import io.kaml.data.Dataset;
import io.kaml.data.MissingRule;
import io.kaml.data.Split;
import io.kaml.eval.ModelEvaluation;
import io.kaml.loss.LabelMask;
import io.kaml.loss.MaskedObjective;
import io.kaml.model.BackboneKind;
import io.kaml.model.ModelConfig;
import io.kaml.model.MultiTaskModel;
import io.kaml.model.Scorer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --missing-dropout}: training learns every feature missing, reproducibly, without touching validation scoring. */
class MissingDropoutTest {
    private static final ModelConfig SMALL = new ModelConfig(BackboneKind.MMOE, 4, 3, List.of(16, 8), List.of(8), 1, 1, 1);
    private static final OptimizerConfig FAST = new OptimizerConfig(0.01, 0.01, 0.9, 0.999, 1e-8, EmbeddingOptimizer.LAZY_ADAM, 0, 0);

    @TempDir
    static Path worldDir;

    @TempDir
    Path dir;

    private static Dataset data;

    @BeforeAll
    static void simulate() {
        data = TinyWorld.create(worldDir, 6, 1500);
    }

    private static TrainConfig config(double dropout) {
        return new TrainConfig(2, 256, 2, 7, 0, 0, dropout);
    }

    private static MaskedObjective objective() {
        float[] w = new float[data.spec().actionCount()];
        Arrays.fill(w, 1f);
        return new MaskedObjective(LabelMask.target(), w);
    }

    private static MultiTaskModel model(TrainConfig config) {
        return MultiTaskModel.create(SMALL, data.encoder().withMissingDropout(config.missingDropout()), config.seed());
    }

    private static TrainingResult train(MultiTaskModel model, TrainConfig config, List<TrainingListener> listeners, Checkpoint resume) {
        return new Trainer(config, FAST, LearningRateSchedule.constant(), listeners)
                .fit(model, data.split(Split.TRAIN), data.split(Split.VALID), objective(), resume);
    }

    private static MultiTaskModel trained(TrainConfig config, List<TrainingListener> listeners, Checkpoint resume) {
        MultiTaskModel model = model(config);
        train(model, config, listeners, resume);
        return model;
    }

    private static float[] weights(MultiTaskModel model) {
        List<Tensor> tensors = ParameterValues.copy(model.parameters());
        int n = tensors.stream().mapToInt(t -> t.data().length).sum();
        float[] all = new float[n];
        int at = 0;
        for (Tensor t : tensors) {
            System.arraycopy(t.data(), 0, all, at, t.data().length);
            at += t.data().length;
        }
        return all;
    }

    @Test
    void theSameSeedGivesBitIdenticalWeightsAndTheDropoutChangesThem() {
        float[] dropped = weights(trained(config(0.1), List.of(), null));
        assertThat(weights(trained(config(0.1), List.of(), null))).isEqualTo(dropped);
        assertThat(weights(trained(config(0), List.of(), null))).isNotEqualTo(dropped);
    }

    @Test
    void resumingMidEpochWithDropoutMatchesAnUninterruptedRun() {
        Path file = dir.resolve("mid.ckpt");
        float[] uninterrupted = weights(trained(config(0.1), List.of(), null));
        TrainingListener crashAtStep = new TrainingListener() {
            @Override
            public void onStep(Step step) {
                if (step.globalStep() == 35) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        assertThatThrownBy(() -> trained(config(0.1), List.of(new CheckpointListener(file, 10), crashAtStep), null))
                .hasMessageContaining("simulated crash");
        Checkpoint checkpoint = Checkpoint.read(file);
        assertThat(checkpoint.globalStep()).isEqualTo(30);
        assertThat(checkpoint.step()).as("mid-epoch").isEqualTo(6);
        assertThat(weights(trained(config(0.1), List.of(), checkpoint))).isEqualTo(uninterrupted);
        // Another dropout is another run: the checkpoint refuses it.
        assertThatThrownBy(() -> trained(config(0.2), List.of(), checkpoint)).isInstanceOf(TrainingException.class)
                .hasMessageContaining("different feature encoding");
    }

    @Test
    void validationIsScoredWithoutDropout() {
        TrainConfig config = config(0.3);
        MultiTaskModel model = model(config);
        TrainingResult result = train(model, config, List.of(), null);
        try (Scorer scorer = new Scorer(model, 1)) {
            assertThat(ModelEvaluation.evaluate(scorer, data.spec().actions(), data.split(Split.VALID), null).all().auc())
                    .isEqualTo(result.bestValidation().all().auc());
        }
    }

    @Test
    void aModelTrainedWithDropoutMayMissEveryFeatureAndOneWithoutNone() {
        // The simulator writes every feature in every row.
        assertThat(data.encoder().missing().seen()).isEmpty();
        assertThat(new MissingRule(data.encoder(), false).mayBeMissing()).isEmpty();
        MultiTaskModel model = model(config(0.05));
        assertThat(new MissingRule(EncoderCodec.fromJson(EncoderCodec.toJson(model.encoder())), false).mayBeMissing())
                .isEqualTo(data.encoder().allFields());
    }

    @Test
    void aModelWhoseEncoderDoesNotRecordTheDropoutIsNotTrainedWithIt() {
        MultiTaskModel withoutRecord = MultiTaskModel.create(SMALL, data.encoder(), 7);
        assertThatThrownBy(() -> train(withoutRecord, config(0.1), List.of(), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the model's encoder records missing dropout 0.0 but training would use 0.1");
    }

    @Test
    void eachFieldIsDroppedWithProbabilityPByStepRowAndFieldAlone() {
        MissingDropout dropout = new MissingDropout(0.2, 7);
        int rows = 20_000;
        int f = 3;
        int nf = 2;
        int[] ids = new int[rows * f];
        float[] numerical = new float[rows * nf];
        Arrays.fill(ids, 5);
        Arrays.fill(numerical, 1.5f);
        for (int r = 0; r < rows; r++) {
            dropout.apply(11, r, ids, r * f, f, numerical, r * nf, nf);
        }
        for (int k = 0; k < f; k++) {
            int field = k;
            long dropped = IntStream.range(0, rows).filter(r -> ids[r * f + field] == 0).count();
            assertThat(dropped / (double) rows).as("field %d", k).isBetween(0.19, 0.21);
        }
        long numericalDropped = IntStream.range(0, rows * nf).filter(i -> numerical[i] == 0f).count();
        assertThat(numericalDropped / (double) (rows * nf)).isBetween(0.19, 0.21);

        // A row gathered alone, as another worker would, loses the same fields; another step, others.
        int[] one = {5, 5, 5};
        float[] oneNumerical = {1.5f, 1.5f};
        dropout.apply(11, 1234, one, 0, f, oneNumerical, 0, nf);
        assertThat(one).containsExactly(Arrays.copyOfRange(ids, 1234 * f, 1235 * f));
        assertThat(oneNumerical).containsExactly(Arrays.copyOfRange(numerical, 1234 * nf, 1235 * nf));
        int[] again = Arrays.copyOf(ids, ids.length);
        Arrays.fill(again, 5);
        for (int r = 0; r < 100; r++) {
            dropout.apply(12, r, again, r * f, f, new float[nf], 0, nf);
        }
        assertThat(Arrays.copyOf(again, 100 * f)).isNotEqualTo(Arrays.copyOf(ids, 100 * f));

        int[] untouched = {5, 5, 5};
        new MissingDropout(0, 7).apply(11, 0, untouched, 0, f, new float[nf], 0, nf);
        assertThat(untouched).containsExactly(5, 5, 5);
    }
}
