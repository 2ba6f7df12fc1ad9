package io.kaml.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaml.artifact.ArtifactException;
import io.kaml.artifact.Tensor;
import io.kaml.data.FeatureEncoder;
import io.kaml.data.MissingValues;
import io.kaml.data.MissingValues;
import io.kaml.data.NumericalStats;
import io.kaml.data.NumericalTransform;
import io.kaml.model.ModelConfig;
import io.kaml.train.Checkpoint;
import io.kaml.train.OptimizerConfig;
import io.kaml.train.OptimizerState;
import io.kaml.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint directory on the local filesystem, through the Hadoop API a cluster path would use. */
class CheckpointStoreTest {
    @TempDir
    Path dir;

    static Checkpoint checkpoint(long globalStep, float weight) {
        FeatureEncoder encoder = new FeatureEncoder(List.of("a"), List.of("f"), new int[] {4}, 0, List.of(),
                NumericalTransform.STANDARDIZE, new NumericalStats(new double[0], new double[0]), MissingValues.UNKNOWN);
        return new Checkpoint(ModelConfig.reference(), encoder, TrainConfig.defaults(), OptimizerConfig.defaults(), 1, 2, globalStep,
                0.5, 0.7, 0, 0, false, null, List.of(new Tensor("w", new int[] {1, 2}, new float[] {weight, 2f})),
                new OptimizerState(globalStep, List.of()), null);
    }

    @Test
    void theNewestCheckpointIsReadBackAndNothingElseIsLeftBeside() throws IOException {
        CheckpointStore store = new CheckpointStore(dir.resolve("ckpt").toString());
        assertThat(store.exists()).isFalse();
        assertThat(store.latest()).isNull();
        store.write(checkpoint(10, 1f));
        store.write(checkpoint(20, 3f));
        Checkpoint latest = store.latest();
        assertThat(latest.globalStep()).isEqualTo(20);
        assertThat(latest.parameters().getFirst().data()).containsExactly(3f, 2f);
        // no .tmp and no Hadoop .crc files
        try (var files = Files.list(dir.resolve("ckpt"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("checkpoint.kaml");
        }
    }

    @Test
    void aCompleteReplacementIsUsedWhenTheKillCameBetweenTheTwoRenames() throws IOException {
        CheckpointStore store = new CheckpointStore(dir.toString());
        store.write(checkpoint(30, 1f));
        Files.move(dir.resolve("checkpoint.kaml"), dir.resolve("checkpoint.kaml.tmp"));
        assertThat(store.exists()).isTrue();
        assertThat(store.latest().globalStep()).isEqualTo(30);
    }

    @Test
    void aTornReplacementIsPassedOverButATornCheckpointIsAnError() throws IOException {
        CheckpointStore store = new CheckpointStore(dir.toString());
        store.write(checkpoint(40, 1f));
        Files.write(dir.resolve("checkpoint.kaml.tmp"), new byte[] {1, 2, 3});
        assertThat(store.latest().globalStep()).isEqualTo(40);
        Files.write(dir.resolve("checkpoint.kaml"), new byte[] {1, 2, 3});
        assertThatThrownBy(store::latest).isInstanceOf(ArtifactException.class);
    }

    @Test
    void progressIsReplacedAndClearRemovesEverythingItWrote() {
        CheckpointStore store = new CheckpointStore(dir.resolve("ckpt").toString());
        assertThat(store.progress()).isNull();
        store.writeProgress("epoch 1/3, step 10/100");
        store.writeProgress("epoch 1/3, step 20/100");
        assertThat(store.progress()).isEqualTo("epoch 1/3, step 20/100");
        store.write(checkpoint(50, 1f));
        store.clear();
        assertThat(dir.resolve("ckpt")).doesNotExist();
    }
}
