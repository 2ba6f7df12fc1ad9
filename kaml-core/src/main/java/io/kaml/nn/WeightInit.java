package io.kaml.nn;

import java.util.random.RandomGenerator;

/**
 * Uniform weight initialisation scaled by fan-in and fan-out. Every layer draws its own weights from
 * the generator it is given, so a seeded generator makes a whole model reproducible bit for bit while
 * no two layers (in particular no two experts) start equal.
 */
public enum WeightInit {
    /** U(-√(6/(in+out)), +√(6/(in+out))): keeps activation variance for linear or sigmoid layers. */
    XAVIER_UNIFORM {
        @Override
        double bound(int fanIn, int fanOut) {
            return Math.sqrt(6.0 / (fanIn + fanOut));
        }
    },
    /** U(-√(6/in), +√(6/in)): keeps activation variance through a ReLU, which zeroes half its inputs. */
    HE_UNIFORM {
        @Override
        double bound(int fanIn, int fanOut) {
            return Math.sqrt(6.0 / fanIn);
        }
    };

    abstract double bound(int fanIn, int fanOut);

    /** Fills a [fanIn, fanOut] weight matrix. */
    public void fill(float[] weights, int fanIn, int fanOut, RandomGenerator random) {
        if (weights.length != fanIn * fanOut) {
            throw new IllegalArgumentException("weights has " + weights.length + " floats, not " + fanIn + " x " + fanOut);
        }
        uniform(weights, (float) bound(fanIn, fanOut), random);
    }

    /** Fills {@code values} from U(-bound, +bound). */
    public static void uniform(float[] values, float bound, RandomGenerator random) {
        if (!(bound > 0)) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat(-bound, bound);
        }
    }
}
