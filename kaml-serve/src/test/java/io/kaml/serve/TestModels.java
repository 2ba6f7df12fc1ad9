package io.kaml.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaml.artifact.ModelStore;
import io.kaml.data.FeatureEncoder;
import io.kaml.data.NumericalStats;
import io.kaml.data.NumericalTransform;
import io.kaml.model.BackboneKind;
import io.kaml.model.ModelConfig;
import io.kaml.model.MultiTaskModel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Small model files with random weights, and random requests for them, for tests that need a model but
 * not a trained one: 3 categorical and 2 numerical features, 3 actions. Two seeds give two models
 * whose scores differ, which is what reload tests need.
 */
public final class TestModels {
    public static final List<String> ACTIONS = List.of("activation", "registration", "payment");
    public static final List<String> CATEGORICAL = List.of("user_id", "ad_id", "device");
    public static final List<String> NUMERICAL = List.of("price", "user_activity");

    private TestModels() {
    }

    public static FeatureEncoder encoder() {
        return new FeatureEncoder(ACTIONS, CATEGORICAL, new int[] {500, 300, 8}, 7, NUMERICAL, NumericalTransform.LOG_STANDARDIZE,
                new NumericalStats(new double[] {3.0, 1.0}, new double[] {1.5, 0.5}));
    }

    /** Writes a model of {@code kind} with weights drawn from {@code seed}; HKE towers when {@code hke}. */
    public static Path write(Path file, BackboneKind kind, boolean hke, long seed) {
        ModelConfig config = new ModelConfig(kind, 4, 2, List.of(16, 8), List.of(8), 2, 1, 1).withHke(hke);
        MultiTaskModel model = MultiTaskModel.create(config, encoder(), seed);
        ModelStore.save(model, new ObjectMapper().createObjectNode().put("seed", seed).put("target_column", "target_action"), file);
        return file;
    }

    public static Path write(Path file, long seed) {
        return write(file, BackboneKind.MMOE, false, seed);
    }

    /** A request's features: string ids, numbers as JSON would give them, sometimes a feature left out. */
    public static Map<String, Object> features(Random random) {
        Map<String, Object> features = new HashMap<>();
        features.put("user_id", "u" + random.nextInt(2000));
        features.put("ad_id", random.nextInt(1000));
        if (random.nextInt(5) > 0) {
            features.put("device", random.nextBoolean() ? "ios" : "android");
        }
        features.put("price", Math.round(random.nextDouble() * 20000) / 100.0);
        if (random.nextInt(5) > 0) {
            features.put("user_activity", random.nextInt(30));
        }
        return features;
    }
}
