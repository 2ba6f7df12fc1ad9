package io.kaml.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaml.data.MissingValues;
import java.util.Objects;

/**
 * How the loop runs. Same seed and thread count give bit-identical training.
 *
 * @param epochs          passes over the training split (at most; early stopping may end sooner)
 * @param batchSize       rows per optimiser step
 * @param threads         workers splitting each batch (data parallel inside the batch)
 * @param seed            model initialisation and per-epoch shuffling
 * @param patience        epochs without a better validation "all" AUC before stopping; 0 never stops early
 * @param checkpointSteps also checkpoint every this many steps (0: only at epoch ends)
 * @param missingDropout  probability with which each training input (field by field) is replaced by
 *                        "missing", so that the model learns what to make of a row without it; 0 never
 *                        (see {@link MissingDropout})
 * @param selectBy        the validation metric that picks the kept epoch and counts patience
 */
public record TrainConfig(int epochs, int batchSize, int threads, long seed, int patience, int checkpointSteps,
                          double missingDropout, EpochSelection selectBy) {
    public TrainConfig {
        atLeast("epochs", epochs, 1);
        atLeast("batch_size", batchSize, 1);
        atLeast("threads", threads, 1);
        atLeast("patience", patience, 0);
        atLeast("checkpoint_steps", checkpointSteps, 0);
        MissingValues.requireProbability(missingDropout);
        Objects.requireNonNull(selectBy, "selectBy");
    }

    /** Epochs kept by the pooled "all" AUC. */
    public TrainConfig(int epochs, int batchSize, int threads, long seed, int patience, int checkpointSteps, double missingDropout) {
        this(epochs, batchSize, threads, seed, patience, checkpointSteps, missingDropout, EpochSelection.ALL);
    }

    private static void atLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("training key '" + key + "' must be at least " + min + ", got " + value);
        }
    }

    public static TrainConfig defaults() {
        return new TrainConfig(3, 1024, Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())), 1, 2, 0, 0);
    }

    /** The same loop with another seed. */
    public TrainConfig withSeed(long other) {
        return new TrainConfig(epochs, batchSize, threads, other, patience, checkpointSteps, missingDropout, selectBy);
    }

    public ObjectNode toJson() {
        return new ObjectMapper().createObjectNode().put("epochs", epochs).put("batch_size", batchSize)
                .put("threads", threads).put("seed", seed).put("patience", patience).put("checkpoint_steps", checkpointSteps)
                .put("missing_dropout", missingDropout).put("select_by", selectBy.key());
    }

    /** Reads {@link #toJson()}; a config written before kaml had missing dropout has none, one before epoch selection "all". */
    public static TrainConfig fromJson(JsonNode node) {
        return new TrainConfig(node.get("epochs").intValue(), node.get("batch_size").intValue(), node.get("threads").intValue(),
                node.get("seed").longValue(), node.get("patience").intValue(), node.get("checkpoint_steps").intValue(),
                node.path("missing_dropout").asDouble(0), EpochSelection.parse(node.path("select_by").asText("all")));
    }
}
