package io.kaml.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaml.artifact.ModelStore;
import io.kaml.data.FeatureEncoder;
import io.kaml.data.MissingValues;
import io.kaml.data.NumericalStats;
import io.kaml.data.NumericalTransform;
import io.kaml.model.BackboneKind;
import io.kaml.model.ModelConfig;
import io.kaml.model.MultiTaskModel;
import io.kaml.nn.Parameter;
import io.kaml.nn.ParameterSet;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

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

    /** The encoder of a model whose training saw every feature missing, so that requests may leave any out. */
    public static FeatureEncoder encoder() {
        return encoder(new MissingValues(Stream.concat(CATEGORICAL.stream(), NUMERICAL.stream()).toList(), 0));
    }

    public static FeatureEncoder encoder(MissingValues missing) {
        return new FeatureEncoder(ACTIONS, CATEGORICAL, new int[] {500, 300, 8}, 7, NUMERICAL, NumericalTransform.LOG_STANDARDIZE,
                new NumericalStats(new double[] {3.0, 1.0}, new double[] {1.5, 0.5}), missing);
    }

    /**
     * Writes a model of {@code kind} with weights drawn from {@code seed}, then changed by {@code edit}; HKE
     * towers when {@code hke}. Its provenance names its data by absolute path, as {@code kaml train} does.
     */
    public static Path write(Path file, BackboneKind kind, boolean hke, long seed, Consumer<ParameterSet> edit) {
        return write(file, kind, hke, seed, edit, encoder());
    }

    /** An MMoE model whose encoder records {@code missing}, with weights drawn from {@code seed}. */
    public static Path write(Path file, long seed, MissingValues missing) {
        return write(file, BackboneKind.MMOE, false, seed, parameters -> { }, encoder(missing));
    }

    private static Path write(Path file, BackboneKind kind, boolean hke, long seed, Consumer<ParameterSet> edit, FeatureEncoder encoder) {
        ModelConfig config = new ModelConfig(kind, 4, 2, List.of(16, 8), List.of(8), 2, 1, 1).withHke(hke);
        MultiTaskModel model = MultiTaskModel.create(config, encoder, seed);
        edit.accept(model.parameters());
        ModelStore.save(model, new ObjectMapper().createObjectNode().put("seed", seed).put("target_column", "target_action")
                .put("data", file.toAbsolutePath().resolveSibling("dataset.yaml").toString()), file);
        return file;
    }

    public static Path write(Path file, BackboneKind kind, boolean hke, long seed) {
        return write(file, kind, hke, seed, parameters -> { });
    }

    public static Path write(Path file, long seed) {
        return write(file, BackboneKind.MMOE, false, seed);
    }

    /** A model whose weights are all finite but so large that its scores overflow to NaN. */
    public static Path writeOverflowing(Path file) {
        return write(file, BackboneKind.MMOE, false, 1, parameters -> {
            for (Parameter p : parameters.parameters()) {
                float[] values = parameters.values(p);
                for (int i = 0; i < values.length; i++) {
                    values[i] *= 1e20f;
                }
            }
        });
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
