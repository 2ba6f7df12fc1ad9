package io.kaml.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaml.model.ModelConfig;
import io.kaml.model.MultiTaskModel;
import java.nio.file.Path;

/**
 * A trained model as a file: its config, the feature encoder state, provenance (how it was made) and
 * every parameter. Loading rebuilds the same network and fills in the weights, so save → load →
 * predict gives identical outputs.
 */
public final class ModelStore {
    private static final String KIND = "model";

    private ModelStore() {
    }

    /** A loaded model and the provenance it was saved with. */
    public record Loaded(MultiTaskModel model, ObjectNode provenance) {
    }

    public static void save(MultiTaskModel model, ObjectNode provenance, Path file) {
        ObjectNode meta = new ObjectMapper().createObjectNode();
        meta.put("kind", KIND);
        meta.set("model", model.config().toJson());
        meta.set("encoder", EncoderCodec.toJson(model.encoder()));
        meta.set("provenance", provenance);
        ModelFile.write(file, new ModelArtifact(meta, ParameterValues.copy(model.parameters())));
    }

    public static Loaded load(Path file) {
        ModelArtifact artifact = ModelFile.read(file);
        JsonNode meta = artifact.metadata();
        if (!KIND.equals(meta.path("kind").asText())) {
            throw new ArtifactException(file + " is a kaml " + meta.path("kind").asText("file")
                    + ", not a model; a checkpoint is resumed with 'kaml train --resume', not loaded as a model");
        }
        MultiTaskModel model;
        try {
            model = MultiTaskModel.create(ModelConfig.fromJson(meta.path("model")), EncoderCodec.fromJson(meta.path("encoder")), 0);
            ParameterValues.restore(model.parameters(), artifact.tensors());
        } catch (IllegalArgumentException e) {
            throw new ArtifactException(file + ": the model description does not match its weights: " + e.getMessage(), e);
        }
        FiniteWeights.require(file, model);
        JsonNode provenance = meta.path("provenance");
        return new Loaded(model, provenance instanceof ObjectNode o ? o : new ObjectMapper().createObjectNode());
    }
}
