package io.kaml.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaml.data.FeatureEncoder;
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
            ModelConfig config = ModelConfig.fromJson(meta.path("model"));
            FeatureEncoder encoder = EncoderCodec.fromJson(meta.path("encoder"));
            requireWeightsFor(file, config, encoder, artifact);
            model = MultiTaskModel.create(config, encoder, 0);
            ParameterValues.restore(model.parameters(), artifact.tensors());
        } catch (IllegalArgumentException | NullPointerException e) {
            // The checksum holds, so this is a file written wrong, not damaged: its description contradicts itself.
            throw new ArtifactException(file + ": the model description does not match its weights: " + e.getMessage(), e);
        }
        FiniteWeights.require(file, model);
        JsonNode provenance = meta.path("provenance");
        return new Loaded(model, provenance instanceof ObjectNode o ? o : new ObjectMapper().createObjectNode());
    }

    /**
     * The embedding table, by far the largest allocation, must be in the file before the model is built: a
     * description of a few bytes could otherwise claim gigabytes of weights that are not there.
     */
    private static void requireWeightsFor(Path file, ModelConfig config, FeatureEncoder encoder, ModelArtifact artifact) {
        long table = 0;
        for (int buckets : encoder.buckets()) {
            table += buckets;
        }
        table *= config.embeddingDim();
        long held = 0;
        for (Tensor tensor : artifact.tensors()) {
            held += tensor.data().length;
        }
        if (table > held) {
            throw new ArtifactException(file + ": the model description needs an embedding table of " + table + " weights, but the"
                    + " file holds " + held + " weights in all");
        }
    }
}
