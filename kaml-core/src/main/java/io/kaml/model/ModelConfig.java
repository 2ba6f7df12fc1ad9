package io.kaml.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The shape of a model: backbone, embedding width and layer sizes. Validated on construction; every
 * error names its key. The defaults are the reference config: embedding dim 16; MMoE with 4 experts
 * in→128→64 (ReLU); softmax gates in→4; towers 64→32→1.
 *
 * @param expertHidden widths of each expert (MMoE, PLE), of the shared bottom, or of each single-task bottom
 * @param towerHidden  hidden widths of each tower before its logit
 * @param pleLevels    CGC layers stacked in PLE
 * @param pleShared    shared experts per PLE level; 0 leaves tasks sharing nothing above the embeddings
 * @param pleSpecific  experts per task per PLE level
 * @param hke          HKE towers (METHOD §3): {@code towerHidden} is the shared trunk, then original and
 *                     extended sub-towers of width {@code hkeWidth}, then a shared head
 * @param hkeRouted    HKE's indicator {@code M = 1[o_i = j]} routes each sample; false fixes {@code M ≡ 1}, so every
 *                     sample takes the original path: the same tower and weights without the routing, the
 *                     control that tells HKE's hierarchy from its extra capacity
 */
public record ModelConfig(BackboneKind backbone, int embeddingDim, int experts, List<Integer> expertHidden,
                          List<Integer> towerHidden, int pleLevels, int pleShared, int pleSpecific, boolean hke,
                          int hkeWidth, boolean hkeRouted) {
    private static final Set<String> KEYS = Set.of("backbone", "embedding_dim", "experts", "expert_hidden",
            "tower_hidden", "ple_levels", "ple_shared", "ple_specific", "hke", "hke_width", "hke_routed");
    private static final int DEFAULT_HKE_WIDTH = 16;

    /** Plain towers. */
    public ModelConfig(BackboneKind backbone, int embeddingDim, int experts, List<Integer> expertHidden,
                       List<Integer> towerHidden, int pleLevels, int pleShared, int pleSpecific) {
        this(backbone, embeddingDim, experts, expertHidden, towerHidden, pleLevels, pleShared, pleSpecific, false, DEFAULT_HKE_WIDTH,
                true);
    }

    public ModelConfig {
        expertHidden = List.copyOf(expertHidden);
        towerHidden = List.copyOf(towerHidden);
        positive("embedding_dim", embeddingDim);
        positive("experts", experts);
        positive("ple_levels", pleLevels);
        if (pleShared < 0) {
            throw new IllegalArgumentException("model key 'ple_shared' must be 0 or more, got " + pleShared);
        }
        positive("ple_specific", pleSpecific);
        positive("hke_width", hkeWidth);
        if (expertHidden.isEmpty()) {
            throw new IllegalArgumentException("model key 'expert_hidden' needs at least one width");
        }
        expertHidden.forEach(w -> positive("expert_hidden", w));
        towerHidden.forEach(w -> positive("tower_hidden", w));
    }

    private static void positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("model key '" + key + "' must be at least 1, got " + value);
        }
    }

    public static ModelConfig reference() {
        return new ModelConfig(BackboneKind.MMOE, 16, 4, List.of(128, 64), List.of(32), 2, 2, 1);
    }

    public ModelConfig withBackbone(BackboneKind kind) {
        return new ModelConfig(kind, embeddingDim, experts, expertHidden, towerHidden, pleLevels, pleShared, pleSpecific, hke, hkeWidth,
                hkeRouted);
    }

    public ModelConfig withHke(boolean on) {
        return withHke(on, hkeRouted);
    }

    /** @param routed see {@link #hkeRouted()} */
    public ModelConfig withHke(boolean on, boolean routed) {
        return new ModelConfig(backbone, embeddingDim, experts, expertHidden, towerHidden, pleLevels, pleShared, pleSpecific, on, hkeWidth,
                routed);
    }

    public ObjectNode toJson() {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("backbone", backbone.key()).put("embedding_dim", embeddingDim).put("experts", experts);
        expertHidden.forEach(node.putArray("expert_hidden")::add);
        towerHidden.forEach(node.putArray("tower_hidden")::add);
        node.put("ple_levels", pleLevels).put("ple_shared", pleShared).put("ple_specific", pleSpecific);
        node.put("hke", hke).put("hke_width", hkeWidth).put("hke_routed", hkeRouted);
        return node;
    }

    /** Reads a config; missing keys take the reference values, unknown keys are errors. */
    public static ModelConfig fromJson(JsonNode node) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown model key '" + key + "' (known: " + KEYS.stream().sorted().toList() + ")");
            }
        }
        ModelConfig d = reference();
        return new ModelConfig(
                node.has("backbone") ? BackboneKind.parse(node.get("backbone").asText()) : d.backbone,
                integer(node, "embedding_dim", d.embeddingDim),
                integer(node, "experts", d.experts),
                widths(node, "expert_hidden", d.expertHidden),
                widths(node, "tower_hidden", d.towerHidden),
                integer(node, "ple_levels", d.pleLevels),
                integer(node, "ple_shared", d.pleShared),
                integer(node, "ple_specific", d.pleSpecific),
                bool(node, "hke", d.hke),
                integer(node, "hke_width", d.hkeWidth),
                bool(node, "hke_routed", d.hkeRouted));
    }

    private static int integer(JsonNode node, String key, int fallback) {
        if (!node.has(key)) {
            return fallback;
        }
        if (!node.get(key).isInt()) {
            throw new IllegalArgumentException("model key '" + key + "' must be an integer, got " + node.get(key));
        }
        return node.get(key).intValue();
    }

    private static boolean bool(JsonNode node, String key, boolean fallback) {
        if (!node.has(key)) {
            return fallback;
        }
        if (!node.get(key).isBoolean()) {
            throw new IllegalArgumentException("model key '" + key + "' must be true or false, got " + node.get(key));
        }
        return node.get(key).booleanValue();
    }

    private static List<Integer> widths(JsonNode node, String key, List<Integer> fallback) {
        if (!node.has(key)) {
            return fallback;
        }
        if (!node.get(key).isArray()) {
            throw new IllegalArgumentException("model key '" + key + "' must be a list of integers, got " + node.get(key));
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode w : node.get(key)) {
            if (!w.isInt()) {
                throw new IllegalArgumentException("model key '" + key + "' must be a list of integers, got " + node.get(key));
            }
            out.add(w.intValue());
        }
        return out;
    }
}
