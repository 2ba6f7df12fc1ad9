package io.kaml.model;

import io.kaml.data.FeatureEncoder;
import io.kaml.data.MissingValues;
import io.kaml.data.NumericalStats;
import io.kaml.data.NumericalTransform;
import io.kaml.nn.Parameter;
import io.kaml.nn.ParameterSet;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/** A model small enough to check every parameter by finite differences, and random rows for it. */
final class TinyModels {
    static final int[] BUCKETS = {5, 6, 7};
    static final int NUMERICAL = 2;
    static final int ACTIONS = 3;

    private TinyModels() {
    }

    static RandomGenerator random(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /** 3 categorical fields, 2 numerical ones (already standard: mean 0, std 1), 3 actions. */
    static FeatureEncoder encoder() {
        return new FeatureEncoder(List.of("a0", "a1", "a2"), List.of("c0", "c1", "c2"), BUCKETS, 0,
                List.of("n0", "n1"), NumericalTransform.STANDARDIZE,
                new NumericalStats(new double[NUMERICAL], new double[] {1, 1}), MissingValues.UNKNOWN);
    }

    /** Embedding dim 3, 3 experts of widths [6, 5], towers [4]; PLE 2 levels, 1 shared and 2 specific experts. */
    static ModelConfig config(BackboneKind kind) {
        return new ModelConfig(kind, 3, 3, List.of(6, 5), List.of(4), 2, 1, 2);
    }

    /**
     * Replaces the zero initial biases by U(-0.3, 0.3): with zero biases, a unit whose input row is all
     * zero (below a dead ReLU layer) sits exactly on the ReLU kink, where finite differences are wrong.
     */
    static void randomiseBiases(ParameterSet parameters, RandomGenerator random) {
        for (Parameter parameter : parameters.parameters()) {
            if (parameter.name().endsWith(".bias")) {
                float[] bias = parameters.values(parameter);
                for (int i = 0; i < bias.length; i++) {
                    bias[i] = random.nextFloat(-0.3f, 0.3f);
                }
            }
        }
    }

    static float[] uniform(int size, RandomGenerator random, float low, float high) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat(low, high);
        }
        return values;
    }

    /**
     * Random rows: uniform bucket ids, numerical values in [-2, 2] and a uniform target action, so that
     * every row is on the original path of one tower and the extended path of the others.
     *
     * @param ids       [size, fields]
     * @param numerical [size, numericalFields]
     * @param target    [size]
     */
    record Rows(int[] ids, float[] numerical, int[] target, int size) {
        static Rows random(RandomGenerator random, int size) {
            int[] ids = new int[size * BUCKETS.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = random.nextInt(BUCKETS[i % BUCKETS.length]);
            }
            float[] numerical = new float[size * NUMERICAL];
            for (int i = 0; i < numerical.length; i++) {
                numerical[i] = random.nextFloat(-2f, 2f);
            }
            int[] target = new int[size];
            for (int r = 0; r < size; r++) {
                target[r] = random.nextInt(ACTIONS);
            }
            return new Rows(ids, numerical, target, size);
        }
    }
}
