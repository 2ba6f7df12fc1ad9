package io.kaml.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaml.artifact.EncoderCodec;
import io.kaml.artifact.ModelArtifact;
import io.kaml.artifact.ModelFile;
import io.kaml.artifact.Tensor;
import io.kaml.data.FeatureEncoder;
import io.kaml.eval.MetricsReport;
import io.kaml.model.ModelConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything needed to continue a run exactly: configs, counters, weights, optimiser state and the
 * best weights so far. Stored as a model-file container ({@link ModelFile}) with {@code kind: checkpoint}.
 *
 * @param epoch the epoch to run next (or the one in progress); {@code step} the next step within it
 */
public record Checkpoint(ModelConfig modelConfig, FeatureEncoder encoder, TrainConfig trainConfig,
                         OptimizerConfig optimizerConfig, int epoch, int step, long globalStep, double epochLossSum,
                         double bestAuc, int bestEpoch, int badEpochs, boolean stopped, MetricsReport bestValidation,
                         List<Tensor> parameters, OptimizerState optimizerState, List<Tensor> bestParameters) {
    private static final String PARAM = "param/";
    private static final String OPTIMIZER = "optimizer/";
    private static final String BEST = "best/";

    /** Fails with a message naming what differs when this checkpoint cannot continue the given run. */
    void requireCompatible(ModelConfig model, FeatureEncoder encoder, TrainConfig train, OptimizerConfig optimizer) {
        check("model config", modelConfig.toJson(), model.toJson());
        check("feature encoding", EncoderCodec.toJson(this.encoder), EncoderCodec.toJson(encoder));
        check("training config", withoutEpochs(trainConfig.toJson()), withoutEpochs(train.toJson()));
        check("optimizer config", optimizerConfig.toJson(), optimizer.toJson());
    }

    private static JsonNode withoutEpochs(ObjectNode node) {
        node.remove("epochs");
        return node;
    }

    private static void check(String what, JsonNode saved, JsonNode now) {
        if (!saved.equals(now)) {
            throw new TrainingException("the checkpoint was made with a different " + what + ": " + saved + " vs now " + now);
        }
    }

    public void write(Path file) {
        ObjectNode meta = new ObjectMapper().createObjectNode();
        meta.put("kind", "checkpoint").put("epoch", epoch).put("step", step).put("global_step", globalStep)
                .put("epoch_loss_sum", epochLossSum).put("best_auc", bestAuc).put("best_epoch", bestEpoch)
                .put("bad_epochs", badEpochs).put("stopped", stopped).put("optimizer_step", optimizerState.step());
        meta.set("model", modelConfig.toJson());
        meta.set("encoder", EncoderCodec.toJson(encoder));
        meta.set("train", trainConfig.toJson());
        meta.set("optimizer", optimizerConfig.toJson());
        try {
            if (bestValidation != null) {
                meta.set("best_validation", new ObjectMapper().readTree(bestValidation.toJson()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Tensor> tensors = new ArrayList<>();
        prefixed(PARAM, parameters, tensors);
        prefixed(OPTIMIZER, optimizerState.tensors(), tensors);
        if (bestParameters != null) {
            prefixed(BEST, bestParameters, tensors);
        }
        ModelFile.write(file, new ModelArtifact(meta, tensors));
    }

    public static Checkpoint read(Path file) {
        ModelArtifact artifact = ModelFile.read(file);
        JsonNode meta = artifact.metadata();
        if (!"checkpoint".equals(meta.path("kind").asText())) {
            throw new TrainingException(file + " is not a training checkpoint (kind: " + meta.path("kind").asText() + ")");
        }
        try {
            MetricsReport best = meta.has("best_validation") ? MetricsReport.fromJson(meta.get("best_validation").toString()) : null;
            List<Tensor> bestParameters = unprefixed(BEST, artifact.tensors());
            return new Checkpoint(ModelConfig.fromJson(meta.get("model")), EncoderCodec.fromJson(meta.get("encoder")),
                    TrainConfig.fromJson(meta.get("train")), OptimizerConfig.fromJson(meta.get("optimizer")),
                    meta.get("epoch").intValue(), meta.get("step").intValue(), meta.get("global_step").longValue(),
                    meta.get("epoch_loss_sum").doubleValue(), meta.get("best_auc").doubleValue(),
                    meta.get("best_epoch").intValue(), meta.get("bad_epochs").intValue(), meta.get("stopped").booleanValue(),
                    best, unprefixed(PARAM, artifact.tensors()),
                    new OptimizerState(meta.get("optimizer_step").longValue(), unprefixed(OPTIMIZER, artifact.tensors())),
                    bestParameters.isEmpty() ? null : bestParameters);
        } catch (IOException e) {
            throw new TrainingException(file + ": unreadable checkpoint metadata: " + e.getMessage(), e);
        }
    }

    private static void prefixed(String prefix, List<Tensor> from, List<Tensor> to) {
        for (Tensor t : from) {
            to.add(new Tensor(prefix + t.name(), t.shape(), t.data()));
        }
    }

    private static List<Tensor> unprefixed(String prefix, List<Tensor> all) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : all) {
            if (t.name().startsWith(prefix)) {
                out.add(new Tensor(t.name().substring(prefix.length()), t.shape(), t.data()));
            }
        }
        return out;
    }
}
