package io.kaml.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;

/**
 * How {@link Optimizer} updates parameters. Validated on construction; every error names its JSON key.
 *
 * @param learningRate          Adam step size of dense parameters ({@code lr})
 * @param embeddingLearningRate step size of sparse (embedding) parameters ({@code embedding_lr})
 * @param beta1                 decay of Adam's first moment, in [0, 1)
 * @param beta2                 decay of Adam's second moment, in [0, 1)
 * @param epsilon               added to the root of the second moment (Adam) or accumulator (Adagrad)
 * @param embeddingOptimizer    the rule for sparse parameters
 * @param embeddingL2           L2 strength applied to the touched rows of sparse parameters only, as
 *                              g += l2·w before the update; rows a batch did not use are not decayed
 * @param clipGlobalNorm        if &gt; 0, dense gradients are scaled so that their joint L2 norm is at
 *                              most this; 0 turns clipping off. Sparse gradients are never clipped.
 */
public record OptimizerConfig(double learningRate, double embeddingLearningRate, double beta1, double beta2,
                              double epsilon, EmbeddingOptimizer embeddingOptimizer, double embeddingL2,
                              double clipGlobalNorm) {
    private static final Set<String> KEYS = Set.of("lr", "embedding_lr", "beta1", "beta2", "epsilon",
            "embedding_optimizer", "embedding_l2", "clip_global_norm");

    public OptimizerConfig {
        positive("lr", learningRate);
        positive("embedding_lr", embeddingLearningRate);
        decay("beta1", beta1);
        decay("beta2", beta2);
        positive("epsilon", epsilon);
        if (embeddingOptimizer == null) {
            throw new IllegalArgumentException("optimizer key 'embedding_optimizer' must be set");
        }
        notNegative("embedding_l2", embeddingL2);
        notNegative("clip_global_norm", clipGlobalNorm);
    }

    /** Adam's usual constants, lazy Adam for embeddings, no L2, no clipping. */
    public static OptimizerConfig defaults() {
        return new OptimizerConfig(1e-3, 1e-3, 0.9, 0.999, 1e-8, EmbeddingOptimizer.LAZY_ADAM, 0, 0);
    }

    public boolean clipsGradients() {
        return clipGlobalNorm > 0;
    }

    public ObjectNode toJson() {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("lr", learningRate).put("embedding_lr", embeddingLearningRate)
                .put("beta1", beta1).put("beta2", beta2).put("epsilon", epsilon)
                .put("embedding_optimizer", embeddingOptimizer.key())
                .put("embedding_l2", embeddingL2).put("clip_global_norm", clipGlobalNorm);
        return node;
    }

    /** Reads a config; missing keys take the {@link #defaults()}, unknown keys are errors. */
    public static OptimizerConfig fromJson(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("optimizer config must be a JSON object, got " + node);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown optimizer key '" + key + "' (known: " + KEYS.stream().sorted().toList() + ")");
            }
        }
        OptimizerConfig d = defaults();
        return new OptimizerConfig(
                number(node, "lr", d.learningRate),
                number(node, "embedding_lr", d.embeddingLearningRate),
                number(node, "beta1", d.beta1),
                number(node, "beta2", d.beta2),
                number(node, "epsilon", d.epsilon),
                kind(node, d.embeddingOptimizer),
                number(node, "embedding_l2", d.embeddingL2),
                number(node, "clip_global_norm", d.clipGlobalNorm));
    }

    private static double number(JsonNode node, String key, double fallback) {
        if (!node.has(key)) {
            return fallback;
        }
        if (!node.get(key).isNumber()) {
            throw new IllegalArgumentException("optimizer key '" + key + "' must be a number, got " + node.get(key));
        }
        return node.get(key).doubleValue();
    }

    private static EmbeddingOptimizer kind(JsonNode node, EmbeddingOptimizer fallback) {
        if (!node.has("embedding_optimizer")) {
            return fallback;
        }
        if (!node.get("embedding_optimizer").isTextual()) {
            throw new IllegalArgumentException("optimizer key 'embedding_optimizer' must be a string, got " + node.get("embedding_optimizer"));
        }
        return EmbeddingOptimizer.parse(node.get("embedding_optimizer").textValue());
    }

    // The negated comparisons also reject NaN.
    private static void positive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("optimizer key '" + key + "' must be > 0, got " + show(value));
        }
    }

    private static void notNegative(String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("optimizer key '" + key + "' must be >= 0, got " + show(value));
        }
    }

    private static void decay(String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("optimizer key '" + key + "' must be in [0, 1), got " + show(value));
        }
    }

    private static String show(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
