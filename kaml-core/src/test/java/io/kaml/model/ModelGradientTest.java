package io.kaml.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaml.nn.Gradients;
import io.kaml.nn.Parameter;
import io.kaml.nn.ParameterSet;
import io.kaml.nn.SparseRows;
import java.util.function.DoubleSupplier;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every backbone's whole model (embedding, backbone, towers) against central finite differences of
 * L = Σ dY ⊙ logits, for every coordinate of every parameter, and its backbone's input gradient.
 *
 * <p>The model only computes in float32, so the differences are of float32 losses: their rounding
 * (about 1e-7 to 5e-7 of L here) divided by the step of 1e-3 leaves central differences good to a
 * few 1e-4 absolute, measured up to 5.8e-4 on coordinates where the loss is smooth; {@link #NOISE}
 * allows 1e-3. That is about 1e-3 relative for typical gradients, enough to catch wiring errors,
 * which are the size of the gradients they corrupt. The tight, double-precision checks are
 * {@link PleTest} for PLE and the layer tests in {@code io.kaml.nn}.
 *
 * <p>A ReLU kink inside [θ − h, θ + h] makes the central difference wrong by exactly half the gap
 * between the forward and backward one-sided differences (for one kink on a piecewise-linear path, the
 * exact derivative being the one-sided difference on the kink-free side), so half that gap is allowed
 * on top. Coordinates whose gap exceeds {@link #KINK}, twice the gap that rounding alone produces, are
 * counted as straddling a kink and reported; they must stay rare so that the check covers the rest.
 */
class ModelGradientTest {
    private static final int BATCH = 8;
    private static final double STEP = 1e-3;
    private static final double NOISE = 1e-3;
    private static final double KINK = 1e-3;
    private static final double MAX_KINKED_FRACTION = 0.05;
    /** Relative errors are reported against at least this scale; below it the float noise dominates. */
    private static final double FLOOR = 1e-2;

    @ParameterizedTest
    @EnumSource(BackboneKind.class)
    void everyParameterMatchesFiniteDifferences(BackboneKind kind) {
        checkEveryParameter(TinyModels.config(kind), kind.key() + " model, every parameter");
    }

    @ParameterizedTest
    @EnumSource(value = BackboneKind.class, names = {"MMOE", "PLE"})
    void everyParameterOfAnHkeModelMatchesFiniteDifferences(BackboneKind kind) {
        checkEveryParameter(TinyModels.config(kind).withHke(true), kind.key() + " HKE model, every parameter");
    }

    private static void checkEveryParameter(ModelConfig config, String label) {
        MultiTaskModel model = MultiTaskModel.create(config, TinyModels.encoder(), 7);
        ParameterSet parameters = model.parameters();
        RandomGenerator random = TinyModels.random(11);
        TinyModels.randomiseBiases(parameters, random);
        TinyModels.Rows rows = TinyModels.Rows.random(random, BATCH);
        float[] dY = TinyModels.uniform(BATCH * model.actions(), random, -1, 1);

        MultiTaskModel.Pass pass = model.newPass(BATCH);
        // A pass on other rows first: buffers left stale by it would show in the checked gradients.
        TinyModels.Rows other = TinyModels.Rows.random(random, BATCH);
        pass.forward(other.ids(), other.numerical(), other.target(), BATCH);
        pass.backward(dY.clone(), parameters.newGradients());
        pass.forward(rows.ids(), rows.numerical(), rows.target(), BATCH);
        Gradients gradients = parameters.newGradients();
        pass.backward(dY.clone(), gradients);

        DoubleSupplier loss = () -> {
            float[] logits = pass.forward(rows.ids(), rows.numerical(), rows.target(), BATCH);
            return dot(dY, logits);
        };
        Differences differences = new Differences();
        for (Parameter parameter : parameters.parameters()) {
            float[] analytic = parameter.sparse() ? scatter(gradients.sparse(parameter), parameter)
                    : gradients.dense(parameter);
            differences.check(parameter.name(), analytic, parameters.values(parameter), loss);
        }
        differences.report(label);
    }

    /** MultiTaskModel keeps dInput to itself, so the backbone's input gradient is checked on the backbone. */
    @ParameterizedTest
    @EnumSource(BackboneKind.class)
    void backboneInputGradientMatchesFiniteDifferences(BackboneKind kind) {
        int in = 11;
        int tasks = TinyModels.ACTIONS;
        RandomGenerator random = TinyModels.random(13);
        ParameterSet parameters = new ParameterSet();
        Backbone backbone = kind.create(parameters, TinyModels.config(kind), in, tasks, random);
        TinyModels.randomiseBiases(parameters, random);
        float[] x = TinyModels.uniform(BATCH * in, random, -2, 2);
        float[][] dOut = new float[tasks][];
        for (int t = 0; t < tasks; t++) {
            dOut[t] = TinyModels.uniform(BATCH * backbone.outputWidth(), random, -1, 1);
        }

        Backbone.Pass pass = backbone.newPass(BATCH);
        float[] dx = TinyModels.uniform(BATCH * in, random, -1, 1);
        pass.forward(TinyModels.uniform(BATCH * in, random, -2, 2), BATCH);
        pass.backward(copy(dOut), dx, parameters.newGradients());
        pass.forward(x, BATCH);
        pass.backward(copy(dOut), dx, parameters.newGradients());

        Differences differences = new Differences();
        differences.check("x", dx, x, () -> {
            float[][] out = pass.forward(x, BATCH);
            double sum = 0;
            for (int t = 0; t < tasks; t++) {
                sum += dot(dOut[t], out[t]);
            }
            return sum;
        });
        differences.report(kind.key() + " backbone, input");
    }

    /** Finite differences of a float32 loss, with the tallies that the report prints. */
    private static final class Differences {
        private int coordinates;
        private int kinked;
        private double maxRelative;
        private double maxExcess;

        /**
         * Compares {@code analytic} with central differences of {@code loss} over each coordinate of
         * {@code point}, which is restored afterwards.
         */
        void check(String name, float[] analytic, float[] point, DoubleSupplier loss) {
            double base = loss.getAsDouble();
            for (int i = 0; i < point.length; i++) {
                float saved = point[i];
                point[i] = (float) (saved + STEP);
                double up = point[i] - saved;
                double plus = loss.getAsDouble();
                point[i] = (float) (saved - STEP);
                double down = saved - point[i];
                double minus = loss.getAsDouble();
                point[i] = saved;
                double central = (plus - minus) / (up + down);
                double gap = Math.abs((plus - base) / up - (base - minus) / down);
                double error = Math.abs(analytic[i] - central);
                assertThat(error).as("%s[%d]: analytic %s, central difference %s, one-sided gap %s",
                        name, i, analytic[i], central, gap).isLessThanOrEqualTo(NOISE + gap / 2);
                coordinates++;
                maxExcess = Math.max(maxExcess, error - gap / 2);
                if (gap > KINK) {
                    kinked++;
                } else {
                    double scale = Math.max(FLOOR, Math.max(Math.abs(analytic[i]), Math.abs(central)));
                    maxRelative = Math.max(maxRelative, error / scale);
                }
            }
        }

        void report(String what) {
            System.out.printf("gradient check %-34s max relative error %.2e off kinks; max |error| - gap/2"
                    + " %.2e; %d of %d coordinates straddle a ReLU kink%n", what, maxRelative, maxExcess, kinked,
                    coordinates);
            assertThat(kinked).isLessThanOrEqualTo((int) (MAX_KINKED_FRACTION * coordinates));
        }
    }

    /** The sparse gradient as a dense [rows, cols] array; rows the batch did not touch are 0. */
    private static float[] scatter(SparseRows rows, Parameter table) {
        float[] dense = new float[table.size()];
        for (int s = 0; s < rows.count(); s++) {
            System.arraycopy(rows.values(), s * table.cols(), dense, rows.row(s) * table.cols(), table.cols());
        }
        return dense;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static float[][] copy(float[][] arrays) {
        float[][] result = new float[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            result[i] = arrays[i].clone();
        }
        return result;
    }
}
