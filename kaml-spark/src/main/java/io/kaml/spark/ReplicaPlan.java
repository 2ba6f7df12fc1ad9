package io.kaml.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaml.artifact.EncoderCodec;
import io.kaml.data.AdvertiserIndex;
import io.kaml.data.FeatureEncoder;
import io.kaml.loss.AttributionCounts;
import io.kaml.loss.LossConfig;
import io.kaml.model.ModelConfig;
import io.kaml.train.OptimizerConfig;
import io.kaml.train.TrainConfig;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What every task of the barrier stage is given: how to read its rows, what the fitting pass found, the
 * validation rows (one broadcast, so every replica scores the same rows and takes the same early-stopping
 * decision), the configs as JSON and where checkpoints go. Configs travel as their JSON, the format of
 * checkpoints and model files, so a task builds exactly what the driver described.
 *
 * @param train           the global training config: {@code batch_size} is the rows of one step over all replicas
 * @param replicas        tasks in the stage
 * @param checkpointSteps also checkpoint every this many steps (0: at epoch ends only)
 * @param timeoutSeconds  how long a replica waits for another in a collective before failing the stage
 */
record ReplicaPlan(TableRead read, String encoder, List<String> advertisers, AttributionCounts.Tally attribution,
                   String model, String loss, String train, String optimizer, int replicas, Broadcast<List<Row>> validRows,
                   StructType schema, CheckpointStore checkpoints, int checkpointSteps, long timeoutSeconds) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    FeatureEncoder encoderValue() {
        return EncoderCodec.fromJson(tree(encoder));
    }

    AdvertiserIndex advertiserIndex() {
        return AdvertiserIndex.of(advertisers);
    }

    ModelConfig modelConfig() {
        return ModelConfig.fromJson(tree(model));
    }

    LossConfig lossConfig() {
        return LossConfig.fromJson(tree(loss));
    }

    TrainConfig globalTrainConfig() {
        return TrainConfig.fromJson(tree(train));
    }

    /** The config of one replica: its share of each step's rows, and the task's cores as worker threads. */
    TrainConfig replicaTrainConfig(int threads) {
        TrainConfig global = globalTrainConfig();
        return new TrainConfig(global.epochs(), Math.max(1, global.batchSize() / replicas), threads, global.seed(),
                global.patience(), checkpointSteps, global.missingDropout(), global.selectBy());
    }

    OptimizerConfig optimizerConfig() {
        return OptimizerConfig.fromJson(tree(optimizer));
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
