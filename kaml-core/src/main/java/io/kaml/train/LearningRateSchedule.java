package io.kaml.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;

/**
 * The factor by which step {@code step} (0-based: 0 is the first update) scales both learning rates.
 * Both kinds start with a linear warm-up: step s &lt; warmup_steps gets (s + 1) / warmup_steps, so
 * the first step already moves the weights and step warmup_steps - 1 reaches 1.
 */
public sealed interface LearningRateSchedule {
    float scale(long step);

    ObjectNode toJson();

    /** Warm-up, then 1. */
    record Constant(long warmupSteps) implements LearningRateSchedule {
        public Constant {
            atLeast("warmup_steps", warmupSteps, 0);
        }

        @Override
        public float scale(long step) {
            checkStep(step);
            return step < warmupSteps ? warmup(step, warmupSteps) : 1f;
        }

        @Override
        public ObjectNode toJson() {
            return new ObjectMapper().createObjectNode().put("kind", "constant").put("warmup_steps", warmupSteps);
        }
    }

    /**
     * Warm-up, then half a cosine from 1 down to {@code floor} at step {@code totalSteps}, and the floor
     * after that, so training past the planned length keeps a small, stable rate.
     */
    record WarmupCosine(long warmupSteps, long totalSteps, double floor) implements LearningRateSchedule {
        public WarmupCosine {
            atLeast("warmup_steps", warmupSteps, 0);
            atLeast("total_steps", totalSteps, warmupSteps + 1);
            if (!(floor >= 0 && floor <= 1)) {
                throw new IllegalArgumentException("schedule key 'floor' must be in [0, 1], got " + floor);
            }
        }

        @Override
        public float scale(long step) {
            checkStep(step);
            if (step < warmupSteps) {
                return warmup(step, warmupSteps);
            }
            double progress = Math.min(1.0, (double) (step - warmupSteps) / (totalSteps - warmupSteps));
            return (float) (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
        }

        @Override
        public ObjectNode toJson() {
            return new ObjectMapper().createObjectNode().put("kind", "cosine").put("warmup_steps", warmupSteps)
                    .put("total_steps", totalSteps).put("floor", floor);
        }
    }

    static LearningRateSchedule constant() {
        return new Constant(0);
    }

    /** Reads {@code {"kind": "constant"|"cosine", ...}}; unknown keys, and keys of the other kind, are errors. */
    static LearningRateSchedule fromJson(JsonNode node) {
        if (!node.isObject() || !node.path("kind").isTextual()) {
            throw new IllegalArgumentException("schedule key 'kind' must be \"constant\" or \"cosine\", got " + node.get("kind"));
        }
        return switch (node.get("kind").textValue()) {
            case "constant" -> {
                knownKeys(node, Set.of("kind", "warmup_steps"));
                yield new Constant(whole(node, "warmup_steps", 0));
            }
            case "cosine" -> {
                knownKeys(node, Set.of("kind", "warmup_steps", "total_steps", "floor"));
                if (!node.has("total_steps")) {
                    throw new IllegalArgumentException("schedule key 'total_steps' is required for kind cosine");
                }
                if (node.has("floor") && !node.get("floor").isNumber()) {
                    throw new IllegalArgumentException("schedule key 'floor' must be a number, got " + node.get("floor"));
                }
                yield new WarmupCosine(whole(node, "warmup_steps", 0), whole(node, "total_steps", 0),
                        node.path("floor").asDouble(0));
            }
            default -> throw new IllegalArgumentException(
                    "schedule key 'kind' must be \"constant\" or \"cosine\", got " + node.get("kind"));
        };
    }

    private static float warmup(long step, long warmupSteps) {
        return (float) ((step + 1) / (double) warmupSteps);
    }

    private static void checkStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("schedule step must be >= 0, got " + step);
        }
    }

    private static void atLeast(String key, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException("schedule key '" + key + "' must be >= " + minimum + ", got " + value);
        }
    }

    private static void knownKeys(JsonNode node, Set<String> keys) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                throw new IllegalArgumentException("unknown schedule key '" + key + "' for kind "
                        + node.get("kind").textValue() + " (known: " + keys.stream().sorted().toList() + ")");
            }
        }
    }

    private static long whole(JsonNode node, String key, long fallback) {
        if (!node.has(key)) {
            return fallback;
        }
        if (!node.get(key).canConvertToLong() || !node.get(key).isIntegralNumber()) {
            throw new IllegalArgumentException("schedule key '" + key + "' must be an integer, got " + node.get(key));
        }
        return node.get(key).longValue();
    }
}
