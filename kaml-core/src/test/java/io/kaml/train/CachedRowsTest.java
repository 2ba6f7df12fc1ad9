package io.kaml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaml.data.BadRowPolicy;
import io.kaml.data.Batch;
import io.kaml.data.Dataset;
import io.kaml.data.EncodedCache;
import io.kaml.data.Split;
import io.kaml.eval.ModelEvaluation;
import io.kaml.loss.LabelMask;
import io.kaml.loss.LossConfig;
import io.kaml.loss.MaskedObjective;
import io.kaml.model.BackboneKind;
import io.kaml.model.ModelConfig;
import io.kaml.model.MultiTaskModel;
import io.kaml.model.Scorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedRowsTest {
    @TempDir
    static Path worldDir;

    @TempDir
    Path dir;

    private static Dataset memory;

    @BeforeAll
    static void simulate() {
        memory = TinyWorld.create(worldDir, 6, 2500);
    }

    /** The training split in blocks of 700 rows, so windows, the short last block and straddling batches all occur. */
    private EncodedCache cache() {
        return EncodedCache.open(memory.spec(), BadRowPolicy.FAIL, dir.resolve("cache"), line -> { }, 700);
    }

    /** The ids of an epoch's rows, batch by batch. */
    private static List<List<String>> walk(BatchSource source, long seed, int epoch, int batchSize, int fromStep) {
        int steps = (source.rows() + batchSize - 1) / batchSize;
        BatchSource.Epoch batches = source.epoch(seed, epoch, batchSize);
        List<List<String>> out = new ArrayList<>();
        for (int step = fromStep; step < steps; step++) {
            BatchSource.Slice s = batches.batch(step);
            List<String> ids = new ArrayList<>();
            for (int r = s.from(); r < s.to(); r++) {
                ids.add(s.data().ids()[s.order()[r]]);
            }
            out.add(ids);
        }
        return out;
    }

    @Test
    void everyRowOnceAnEpochInBatchesOfTheAskedSize() {
        try (EncodedCache cache = cache()) {
            CachedRows rows = new CachedRows(cache, Split.TRAIN, 2);
            assertThat(cache.blocks(Split.TRAIN)).isGreaterThan(4);
            List<List<String>> epoch = walk(rows, 3, 0, 256, 0);
            List<String> seen = epoch.stream().flatMap(List::stream).sorted().toList();
            assertThat(seen).containsExactlyElementsOf(List.of(memory.split(Split.TRAIN).ids()).stream().sorted().toList());
            assertThat(epoch.subList(0, epoch.size() - 1)).allSatisfy(b -> assertThat(b).hasSize(256));
            assertThat(epoch.getLast()).hasSize(rows.rows() - 256 * (epoch.size() - 1));
        }
    }

    @Test
    void theOrderIsAFunctionOfSeedAndEpochAndResumesMidEpoch() {
        try (EncodedCache cache = cache()) {
            CachedRows rows = new CachedRows(cache, Split.TRAIN, 2);
            List<List<String>> first = walk(rows, 3, 1, 256, 0);
            assertThat(walk(rows, 3, 1, 256, 0)).isEqualTo(first);
            assertThat(walk(rows, 3, 2, 256, 0)).isNotEqualTo(first);
            assertThat(walk(rows, 3, 1, 256, 7)).isEqualTo(first.subList(7, first.size()));
            BatchSource.Epoch epoch = rows.epoch(3, 1, 256);
            epoch.batch(2);
            assertThatThrownBy(() -> epoch.batch(1)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void blocksHoldTheSplitWithEncodedNumbers() {
        try (EncodedCache cache = cache()) {
            List<Batch> blocks = new ArrayList<>();
            new CachedRows(cache, Split.TRAIN, 2).blocks().forEach(blocks::add);
            assertThat(Batch.concat(blocks).numerical()).containsExactly(memory.split(Split.TRAIN).numerical());
        }
    }

    private static double trainAndTest(BatchSource rows) {
        ModelConfig model = new ModelConfig(BackboneKind.MMOE, 8, 3, List.of(32, 16), List.of(8), 1, 1, 1);
        TrainConfig config = new TrainConfig(4, 128, 2, 5, 0, 0, 0);
        MultiTaskModel network = MultiTaskModel.create(model, memory.encoder(), config.seed());
        OptimizerConfig fast = new OptimizerConfig(0.01, 0.01, 0.9, 0.999, 1e-8, EmbeddingOptimizer.LAZY_ADAM, 0, 0);
        float[] weights = new float[memory.spec().actionCount()];
        Arrays.fill(weights, 1f);
        new Trainer(config, fast, LearningRateSchedule.constant(), List.of())
                .fit(network, rows, memory.split(Split.VALID), new MaskedObjective(LabelMask.target(), weights), null);
        try (Scorer scorer = new Scorer(network, 2)) {
            Batch test = memory.split(Split.TEST);
            return ModelEvaluation.evaluate(memory.spec().actions(), test, scorer.score(test), null).all().auc();
        }
    }

    @Test
    void trainingStreamedFromTheCacheReachesTheAucOfTrainingInMemory() {
        double inMemory = trainAndTest(new InMemoryRows(memory.split(Split.TRAIN)));
        try (EncodedCache cache = cache()) {
            double streamed = trainAndTest(new CachedRows(cache, Split.TRAIN, 2));
            assertThat(inMemory).isGreaterThan(0.6);
            assertThat(streamed).isCloseTo(inMemory, Offset.offset(0.03));
        }
    }

    @Test
    void aHeldOutSplitScoredBlockByBlockEqualsItInMemory() {
        Dataset cached = Dataset.load(memory.spec(), BadRowPolicy.FAIL, dir.resolve("cache"), line -> { }, Split.VALID);
        MultiTaskModel model = MultiTaskModel.create(new ModelConfig(BackboneKind.MMOE, 4, 2, List.of(8), List.of(4), 1, 1, 1),
                memory.encoder(), 3);
        try (Scorer scorer = new Scorer(model, 2)) {
            HeldOutSplit.Scored streamedScores = HeldOutSplit.score(cached, Split.TEST, scorer);
            assertThat(streamedScores.scores()).containsExactly(HeldOutSplit.score(memory, Split.TEST, scorer).scores());
            assertThat(streamedScores.rows().labels()).containsExactly(memory.split(Split.TEST).labels());
        }
        Batch streamed = HeldOutSplit.outcomes(cached, Split.TEST);
        Batch held = memory.split(Split.TEST);
        assertThat(streamed.categoricalFields()).isZero();
        assertThat(streamed.labels()).containsExactly(held.labels());
        assertThat(streamed.target()).containsExactly(held.target());
        assertThat(streamed.ids()).containsExactly(held.ids());
        cached.close();
    }

    @Test
    void aDatasetLoadedThroughTheCacheTrainsByStreaming() {
        Dataset cached = Dataset.load(memory.spec(), BadRowPolicy.FAIL, dir.resolve("cache"), line -> { }, Split.VALID);
        TrainingRows rows = TrainingRows.of(cached);
        assertThat(rows.rows()).isInstanceOf(CachedRows.class);
        assertThat(rows.rows().rows()).isEqualTo(memory.split(Split.TRAIN).size());
        assertThatThrownBy(() -> cached.split(Split.TRAIN)).isInstanceOf(IllegalStateException.class);
        TrainingJob job = new TrainingJob(new ModelConfig(BackboneKind.MMOE, 4, 2, List.of(8), List.of(4), 1, 1, 1),
                LossConfig.defaults(), new TrainConfig(1, 256, 1, 5, 0, 0, 0), OptimizerConfig.defaults(), LearningRateSchedule.constant());
        assertThat(job.run(cached, null, List.of(), null).test().all().n()).isEqualTo(memory.split(Split.TEST).size());
        cached.close();
    }
}
