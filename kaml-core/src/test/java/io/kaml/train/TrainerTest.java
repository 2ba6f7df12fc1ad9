package io.kaml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaml.artifact.ParameterValues;
import io.kaml.artifact.Tensor;
import io.kaml.data.Batch;
import io.kaml.data.Dataset;
import io.kaml.data.Split;
import io.kaml.loss.LabelMask;
import io.kaml.loss.MaskedObjective;
import io.kaml.loss.Objective;
import io.kaml.model.BackboneKind;
import io.kaml.model.ModelConfig;
import io.kaml.model.MultiTaskModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    private static final ModelConfig SMALL = new ModelConfig(BackboneKind.MMOE, 4, 3, List.of(16, 8), List.of(8), 1, 1, 1);

    @TempDir
    static Path worldDir;

    @TempDir
    Path dir;

    private static Dataset data;

    @BeforeAll
    static void simulate() {
        data = TinyWorld.create(worldDir, 6, 1500);
    }

    private static Objective objective() {
        float[] w = new float[data.spec().actionCount()];
        Arrays.fill(w, 1f);
        return new MaskedObjective(LabelMask.target(), w);
    }

    private static TrainConfig config(int epochs, int threads) {
        return new TrainConfig(epochs, 256, threads, 7, 0, 0, 0);
    }

    private static final OptimizerConfig FAST = new OptimizerConfig(0.01, 0.01, 0.9, 0.999, 1e-8, EmbeddingOptimizer.LAZY_ADAM, 0, 0);

    private static MultiTaskModel train(TrainConfig config, List<TrainingListener> listeners, Checkpoint resume) {
        MultiTaskModel model = MultiTaskModel.create(SMALL, data.encoder(), config.seed());
        new Trainer(config, FAST, LearningRateSchedule.constant(), listeners)
                .fit(model, data.split(Split.TRAIN), data.split(Split.VALID), objective(), resume);
        return model;
    }

    private static void assertSameWeights(MultiTaskModel a, MultiTaskModel b) {
        List<Tensor> x = ParameterValues.copy(a.parameters());
        List<Tensor> y = ParameterValues.copy(b.parameters());
        for (int i = 0; i < x.size(); i++) {
            assertThat(y.get(i).data()).as(x.get(i).name()).isEqualTo(x.get(i).data());
        }
    }

    /**
     * A source that hands out each batch as a batch of its own (rows copied out in training order), as a
     * source holding only a window of rows would: the loop sees nothing but the batch in hand.
     */
    private record CopiedBatches(Batch split) implements BatchSource {
        @Override
        public int rows() {
            return split.size();
        }

        @Override
        public Epoch epoch(long seed, int epoch, int batchSize) {
            Epoch whole = new InMemoryRows(split).epoch(seed, epoch, batchSize);
            return step -> {
                Slice s = whole.batch(step);
                int[] identity = new int[s.rows()];
                Arrays.setAll(identity, r -> r);
                return new Slice(split.gather(s.order(), s.from(), s.to()), identity, 0, s.rows());
            };
        }
    }

    @Test
    void aSourceThatHandsOutItsOwnBatchesTrainsTheSameWeights() {
        TrainConfig config = config(2, 2);
        MultiTaskModel copied = MultiTaskModel.create(SMALL, data.encoder(), config.seed());
        new Trainer(config, FAST, LearningRateSchedule.constant(), List.of())
                .fit(copied, new CopiedBatches(data.split(Split.TRAIN)), data.split(Split.VALID), objective(), null);
        assertSameWeights(train(config, List.of(), null), copied);
    }

    @Test
    void sameSeedAndThreadsGiveBitIdenticalWeights() {
        assertSameWeights(train(config(2, 2), List.of(), null), train(config(2, 2), List.of(), null));
    }

    @Test
    void learnsAndReportsEveryStepAndEpoch() {
        List<Double> losses = new ArrayList<>();
        List<TrainingListener.Epoch> epochs = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onStep(Step step) {
                losses.add(step.loss());
            }

            @Override
            public void onEpoch(Epoch epoch) {
                epochs.add(epoch);
            }
        };
        train(config(3, 2), List.of(recorder), null);
        int steps = (data.split(Split.TRAIN).size() + 255) / 256;
        assertThat(losses).hasSize(3 * steps);
        double first = losses.subList(0, 10).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = losses.subList(losses.size() - 10, losses.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(last).as("mean loss of the first and last 10 steps: %s vs %s", first, last).isLessThan(first * 0.8);
        assertThat(epochs).hasSize(3);
        assertThat(epochs.get(2).validation().all().auc()).isGreaterThan(0.6);
    }

    @Test
    void resumingFromAnEpochCheckpointMatchesAnUninterruptedRun() {
        Path file = dir.resolve("run.ckpt");
        MultiTaskModel uninterrupted = train(config(3, 2), List.of(), null);
        TrainingListener crashAfterFirstEpoch = new TrainingListener() {
            @Override
            public void onEpoch(Epoch epoch) {
                throw new IllegalStateException("simulated crash");
            }
        };
        assertThatThrownBy(() -> train(config(3, 2), List.of(new CheckpointListener(file, 0), crashAfterFirstEpoch), null))
                .hasMessageContaining("simulated crash");
        assertSameWeights(uninterrupted, train(config(3, 2), List.of(), Checkpoint.read(file)));
    }

    @Test
    void resumingFromAMidEpochCheckpointMatchesAnUninterruptedRun() {
        Path file = dir.resolve("mid.ckpt");
        MultiTaskModel uninterrupted = train(config(2, 2), List.of(), null);
        TrainingListener crashAtStep = new TrainingListener() {
            @Override
            public void onStep(Step step) {
                if (step.globalStep() == 35) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        assertThatThrownBy(() -> train(config(2, 2), List.of(new CheckpointListener(file, 10), crashAtStep), null))
                .hasMessageContaining("simulated crash");
        Checkpoint checkpoint = Checkpoint.read(file);
        assertThat(checkpoint.globalStep()).isEqualTo(30);
        assertThat(checkpoint.epoch()).isEqualTo(1);
        assertThat(checkpoint.step()).isEqualTo(6);
        assertSameWeights(uninterrupted, train(config(2, 2), List.of(), checkpoint));
    }

    @Test
    void aCheckpointOfAnotherModelIsRefusedByName() {
        Path file = dir.resolve("other.ckpt");
        train(config(1, 1), List.of(new CheckpointListener(file, 0)), null);
        MultiTaskModel bigger = MultiTaskModel.create(new ModelConfig(BackboneKind.MMOE, 4, 2, List.of(16, 8), List.of(8), 1, 1, 1),
                data.encoder(), 7);
        assertThatThrownBy(() -> new Trainer(config(2, 1), FAST, LearningRateSchedule.constant(), List.of())
                .fit(bigger, data.split(Split.TRAIN), data.split(Split.VALID), objective(), Checkpoint.read(file)))
                .isInstanceOf(TrainingException.class).hasMessageContaining("different model config");
    }

    @Test
    void oneAndTwoThreadsAgreeClosely() {
        MultiTaskModel one = train(config(1, 1), List.of(), null);
        MultiTaskModel two = train(config(1, 2), List.of(), null);
        List<Tensor> a = ParameterValues.copy(one.parameters());
        List<Tensor> b = ParameterValues.copy(two.parameters());
        double maxDiff = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int k = 0; k < a.get(i).data().length; k++) {
                maxDiff = Math.max(maxDiff, Math.abs(a.get(i).data()[k] - b.get(i).data()[k]));
            }
        }
        // Only the order of float additions differs; after a few hundred Adam steps that stays small.
        assertThat(maxDiff).isLessThan(1e-3);
    }

    @Test
    void aNonFiniteLossStopsWithTheStep() {
        Objective exploding = (batch, rows, from, to, logits, dLogits) -> {
            Arrays.fill(dLogits, 0, (to - from) * batch.actions(), 0f);
            return from >= 512 ? Double.NaN : 1.0;
        };
        MultiTaskModel model = MultiTaskModel.create(SMALL, data.encoder(), 7);
        Batch train = data.split(Split.TRAIN);
        assertThatThrownBy(() -> new Trainer(config(1, 1), OptimizerConfig.defaults(), LearningRateSchedule.constant(), List.of())
                .fit(model, train, data.split(Split.VALID), exploding, null))
                .isInstanceOf(TrainingException.class).hasMessageContaining("the loss became NaN at epoch 1, step 3 (global step 3)");
    }

    /** A listener that adds every epoch's event to {@code epochs}. */
    private static TrainingListener recording(List<TrainingListener.Epoch> epochs) {
        return new TrainingListener() {
            @Override
            public void onEpoch(Epoch epoch) {
                epochs.add(epoch);
            }
        };
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() {
        List<TrainingListener.Epoch> epochs = new ArrayList<>();
        TrainingListener recorder = recording(epochs);
        MultiTaskModel model = MultiTaskModel.create(SMALL, data.encoder(), 7);
        TrainingResult result = new Trainer(new TrainConfig(8, 256, 2, 7, 1, 0, 0), new OptimizerConfig(0.05, 0.05, 0.9, 0.999, 1e-8,
                EmbeddingOptimizer.LAZY_ADAM, 0, 0), LearningRateSchedule.constant(), List.of(recorder))
                .fit(model, data.split(Split.TRAIN), data.split(Split.VALID), objective(), null);
        double best = epochs.stream().mapToDouble(e -> e.validation().all().auc()).max().orElseThrow();
        assertThat(result.bestValidation().all().auc()).isEqualTo(best);
        assertThat(epochs.get(result.bestEpoch()).improved()).isTrue();
        if (epochs.size() < 8) {
            assertThat(epochs.getLast().stopping()).isTrue();
            assertThat(epochs.getLast().improved()).isFalse();
        }
    }

    @Test
    void selectingByTheMeanActionAucKeepsTheEpochWithTheBestMeanOfThePerActionAucs() {
        List<TrainingListener.Epoch> epochs = new ArrayList<>();
        TrainingListener recorder = recording(epochs);
        MultiTaskModel model = MultiTaskModel.create(SMALL, data.encoder(), 7);
        TrainingResult result = new Trainer(new TrainConfig(5, 256, 2, 7, 0, 0, 0, EpochSelection.MEAN_ACTION), FAST,
                LearningRateSchedule.constant(), List.of(recorder)).fit(model, data.split(Split.TRAIN), data.split(Split.VALID), objective(), null);
        double best = epochs.stream().mapToDouble(e -> EpochSelection.MEAN_ACTION.score(e.validation())).max().orElseThrow();
        assertThat(EpochSelection.MEAN_ACTION.score(result.bestValidation())).isEqualTo(best);
    }
}
