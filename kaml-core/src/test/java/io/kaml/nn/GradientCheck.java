package io.kaml.nn;

import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Central finite differences of a loss re-implemented in double precision. With eps = 1e-6 the
 * truncation error is O(eps²) ≈ 1e-12 and the rounding error about 1e-16 / eps = 1e-10, so the
 * numeric side is exact to far below the float32 rounding (≈ 6e-8 relative) of the analytic side.
 */
final class GradientCheck {
    static final double EPS = 1e-6;
    /** A float gradient should match to about 1e-6 relative; 1e-4 leaves room for cancellation. */
    static final double TOLERANCE = 1e-4;
    /** Below this magnitude an error counts as absolute, since relative error of a near-zero sum is noise. */
    private static final double FLOOR = 1e-3;

    private GradientCheck() {
    }

    static RandomGenerator random(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /** ∂loss/∂point by central differences; point is restored afterwards. */
    static double[] numeric(double[] point, ToDoubleFunction<double[]> loss) {
        double[] gradient = new double[point.length];
        for (int i = 0; i < point.length; i++) {
            double saved = point[i];
            point[i] = saved + EPS;
            double plus = loss.applyAsDouble(point);
            point[i] = saved - EPS;
            double minus = loss.applyAsDouble(point);
            point[i] = saved;
            gradient[i] = (plus - minus) / (2 * EPS);
        }
        return gradient;
    }

    /** max_i |a_i − n_i| / max(|a_i|, |n_i|, 1e-3). */
    static double maxRelativeError(float[] analytic, double[] numeric) {
        if (analytic.length != numeric.length) {
            throw new IllegalArgumentException(analytic.length + " != " + numeric.length);
        }
        double worst = 0;
        for (int i = 0; i < analytic.length; i++) {
            double scale = Math.max(FLOOR, Math.max(Math.abs(analytic[i]), Math.abs(numeric[i])));
            worst = Math.max(worst, Math.abs(analytic[i] - numeric[i]) / scale);
        }
        return worst;
    }

    /** Prints the error so that test logs record the measured figure, and returns it. */
    static double report(String what, float[] analytic, double[] numeric) {
        double error = maxRelativeError(analytic, numeric);
        System.out.printf("gradient check %-40s max relative error %.2e%n", what, error);
        return error;
    }

    static double[] toDouble(float[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }

    static float[] uniform(int size, RandomGenerator random, float low, float high) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat(low, high);
        }
        return values;
    }
}
