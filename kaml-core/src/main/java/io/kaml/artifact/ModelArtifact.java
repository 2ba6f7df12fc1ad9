package io.kaml.artifact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of a model file: metadata (config, dataset schema, encoder state, provenance — whatever
 * the writer puts in the JSON object) and named weight tensors, in order.
 */
public record ModelArtifact(ObjectNode metadata, List<Tensor> tensors) {
    public ModelArtifact {
        tensors = List.copyOf(tensors);
        Map<String, Tensor> seen = new LinkedHashMap<>();
        for (Tensor t : tensors) {
            if (seen.put(t.name(), t) != null) {
                throw new IllegalArgumentException("tensor name '" + t.name() + "' appears twice");
            }
        }
    }

    /** The tensor called {@code name}; a missing one is an error naming it. */
    public Tensor tensor(String name) {
        for (Tensor t : tensors) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new ArtifactException("the model file has no tensor '" + name + "'");
    }
}
