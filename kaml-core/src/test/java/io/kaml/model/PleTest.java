package io.kaml.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaml.nn.Gradients;
import io.kaml.nn.Parameter;
import io.kaml.nn.ParameterSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PLE against an independent double-precision re-implementation of its definition, so that its
 * gradients are checked far more tightly than float32 finite differences of the whole model allow.
 */
class PleTest {
    private static final int IN = 7;
    private static final int TASKS = 3;
    private static final int BATCH = 4;
    private static final List<Integer> HIDDEN = List.of(6, 5);
    /**
     * In double, eps = 1e-6 leaves truncation error O(eps²) and rounding error about 1e-16 / eps, both
     * far below the float32 rounding of the analytic side.
     */
    private static final double EPS = 1e-6;
    /** A float32 gradient should match to about 1e-6 relative; 1e-4 leaves room for cancellation. */
    private static final double TOLERANCE = 1e-4;
    /** Below this magnitude an error counts as absolute: the relative error of a near-zero sum is noise. */
    private static final double FLOOR = 1e-3;

    private static ModelConfig config(int levels, int shared, int specific) {
        return new ModelConfig(BackboneKind.PLE, 3, 3, HIDDEN, List.of(4), levels, shared, specific);
    }

    /** Level counts, shared and specific experts; each seed keeps every pre-activation off the ReLU kink. */
    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(2, 1, 2, 1),
                Arguments.of(1, 2, 1, 2),
                Arguments.of(3, 2, 1, 3),
                Arguments.of(2, 0, 2, 4));
    }

    @ParameterizedTest(name = "levels {0}, shared {1}, specific {2}")
    @MethodSource("shapes")
    void gradientsMatchADoublePrecisionReference(int levels, int shared, int specific, long seed) {
        ModelConfig config = config(levels, shared, specific);
        RandomGenerator random = TinyModels.random(seed);
        ParameterSet parameters = new ParameterSet();
        Ple ple = new Ple(parameters, config, IN, TASKS, random);
        TinyModels.randomiseBiases(parameters, random);
        float[] x = TinyModels.uniform(BATCH * IN, random, -2, 2);
        float[][] dOut = new float[TASKS][];
        for (int t = 0; t < TASKS; t++) {
            dOut[t] = TinyModels.uniform(BATCH * ple.outputWidth(), random, -1, 1);
        }

        Backbone.Pass pass = ple.newPass(BATCH);
        // A pass on other rows first: buffers left stale by it would show in the checked gradients.
        pass.forward(TinyModels.uniform(BATCH * IN, random, -2, 2), BATCH);
        pass.backward(new float[][] {dOut[1].clone(), dOut[2].clone(), dOut[0].clone()}, new float[BATCH * IN],
                parameters.newGradients());
        float[][] out = pass.forward(x, BATCH);
        Gradients gradients = parameters.newGradients();
        float[] dx = new float[BATCH * IN];
        float[][] dOutCopy = new float[TASKS][];
        for (int t = 0; t < TASKS; t++) {
            dOutCopy[t] = dOut[t].clone();
        }
        pass.backward(dOutCopy, dx, gradients);

        Reference reference = new Reference(config, parameters);
        double[] xd = toDouble(x);
        double[][] expected = reference.forward(xd);
        for (int t = 0; t < TASKS; t++) {
            for (int i = 0; i < BATCH * ple.outputWidth(); i++) {
                assertThat(Math.abs(out[t][i] - expected[t][i])).isLessThan(1e-5 * (1 + Math.abs(expected[t][i])));
            }
        }
        assertThat(reference.nearestKink).as("no pre-activation within a finite-difference step of the ReLU kink")
                .isGreaterThan(100 * EPS);

        String shape = "PLE levels " + levels + " shared " + shared + " specific " + specific;
        double worst = 0;
        for (Parameter parameter : parameters.parameters()) {
            double[] values = reference.values.get(parameter.name());
            double[] numeric = numeric(values, () -> reference.loss(xd, dOut));
            worst = Math.max(worst, maxRelativeError(gradients.dense(parameter), numeric));
        }
        System.out.printf("gradient check %-45s every parameter: max relative error %.2e%n", shape, worst);
        assertThat(worst).isLessThan(TOLERANCE);
        double inputError = maxRelativeError(dx, numeric(xd, () -> reference.loss(xd, dOut)));
        System.out.printf("gradient check %-45s input: max relative error %.2e%n", shape, inputError);
        assertThat(inputError).isLessThan(TOLERANCE);
    }

    @Test
    void parametersFollowTheNamingAndGateShapes() {
        ParameterSet parameters = new ParameterSet();
        new Ple(parameters, config(2, 1, 2), IN, TASKS, TinyModels.random(1));
        assertThat(parameters.get("ple.level0.shared0.0.weight").rows()).isEqualTo(IN);
        assertThat(parameters.get("ple.level0.task2.expert1.1.bias").cols()).isEqualTo(5);
        assertThat(parameters.get("ple.level1.task0.expert0.0.weight").rows()).isEqualTo(5);
        Parameter taskGate = parameters.get("ple.level0.gate.task2.weight");
        assertThat(new int[] {taskGate.rows(), taskGate.cols()}).containsExactly(IN, 2 + 1);
        Parameter sharedGate = parameters.get("ple.level0.gate.shared.weight");
        assertThat(new int[] {sharedGate.rows(), sharedGate.cols()}).containsExactly(IN, TASKS * 2 + 1);
        assertThat(names(parameters)).noneMatch(n -> n.startsWith("ple.level1.gate.shared"));
    }

    @Test
    void withoutSharedExpertsNoLevelHasASharedGate() {
        ParameterSet parameters = new ParameterSet();
        Ple ple = new Ple(parameters, config(3, 0, 2), IN, TASKS, TinyModels.random(2));
        assertThat(names(parameters)).noneMatch(n -> n.contains("shared"));
        assertThat(ple.outputWidth()).isEqualTo(5);
    }

    private static List<String> names(ParameterSet parameters) {
        return parameters.parameters().stream().map(Parameter::name).toList();
    }

    /** ∂loss/∂point by central differences; point is restored afterwards. */
    private static double[] numeric(double[] point, DoubleSupplier loss) {
        double[] gradient = new double[point.length];
        for (int i = 0; i < point.length; i++) {
            double saved = point[i];
            point[i] = saved + EPS;
            double plus = loss.getAsDouble();
            point[i] = saved - EPS;
            double minus = loss.getAsDouble();
            point[i] = saved;
            gradient[i] = (plus - minus) / (2 * EPS);
        }
        return gradient;
    }

    private static double maxRelativeError(float[] analytic, double[] numeric) {
        double worst = 0;
        for (int i = 0; i < numeric.length; i++) {
            double scale = Math.max(FLOOR, Math.max(Math.abs(analytic[i]), Math.abs(numeric[i])));
            worst = Math.max(worst, Math.abs(analytic[i] - numeric[i]) / scale);
        }
        return worst;
    }

    private static double[] toDouble(float[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }

    /**
     * PLE written from its definition in double, reading the parameters by name: per level, task t's
     * gate mixes its own experts then the shared ones; the shared gate of a level below the last mixes
     * every task's experts in task order, then the shared ones.
     */
    private static final class Reference {
        private final ModelConfig config;
        /** Double copies of every parameter, perturbed in place by the finite differences. */
        final Map<String, double[]> values = new HashMap<>();
        double nearestKink = Double.POSITIVE_INFINITY;

        Reference(ModelConfig config, ParameterSet parameters) {
            this.config = config;
            for (Parameter parameter : parameters.parameters()) {
                values.put(parameter.name(), toDouble(parameters.values(parameter)));
            }
        }

        double loss(double[] x, float[][] dOut) {
            double[][] out = forward(x);
            double sum = 0;
            for (int t = 0; t < TASKS; t++) {
                for (int i = 0; i < out[t].length; i++) {
                    sum += dOut[t][i] * out[t][i];
                }
            }
            return sum;
        }

        double[][] forward(double[] x) {
            int specific = config.pleSpecific();
            int shared = config.pleShared();
            double[][] taskIn = new double[TASKS][];
            Arrays.fill(taskIn, x);
            double[] sharedIn = x;
            int in = IN;
            for (int l = 0; l < config.pleLevels(); l++) {
                String level = "ple.level" + l;
                double[][] sharedExperts = new double[shared][];
                for (int s = 0; s < shared; s++) {
                    sharedExperts[s] = mlp(level + ".shared" + s, sharedIn, in);
                }
                double[][] all = new double[TASKS * specific + shared][];
                double[][] taskOut = new double[TASKS][];
                for (int t = 0; t < TASKS; t++) {
                    double[][] own = new double[specific + shared][];
                    for (int k = 0; k < specific; k++) {
                        own[k] = mlp(level + ".task" + t + ".expert" + k, taskIn[t], in);
                        all[t * specific + k] = own[k];
                    }
                    System.arraycopy(sharedExperts, 0, own, specific, shared);
                    taskOut[t] = mix(own, gate(level + ".gate.task" + t, taskIn[t], in, own.length));
                }
                System.arraycopy(sharedExperts, 0, all, TASKS * specific, shared);
                if (l < config.pleLevels() - 1 && shared > 0) {
                    sharedIn = mix(all, gate(level + ".gate.shared", sharedIn, in, all.length));
                }
                taskIn = taskOut;
                in = HIDDEN.getLast();
            }
            return taskIn;
        }

        private double[] mlp(String name, double[] x, int in) {
            double[] current = x;
            int width = in;
            for (int layer = 0; layer < HIDDEN.size(); layer++) {
                int out = HIDDEN.get(layer);
                double[] y = affine(name + "." + layer, current, width, out);
                for (int i = 0; i < y.length; i++) {
                    nearestKink = Math.min(nearestKink, Math.abs(y[i]));
                    y[i] = Math.max(0, y[i]);
                }
                current = y;
                width = out;
            }
            return current;
        }

        private double[] gate(String name, double[] x, int in, int experts) {
            double[] g = affine(name, x, in, experts);
            for (int r = 0; r < BATCH; r++) {
                double sum = 0;
                for (int e = 0; e < experts; e++) {
                    g[r * experts + e] = Math.exp(g[r * experts + e]);
                    sum += g[r * experts + e];
                }
                for (int e = 0; e < experts; e++) {
                    g[r * experts + e] /= sum;
                }
            }
            return g;
        }

        private static double[] mix(double[][] experts, double[] gates) {
            int width = experts[0].length / BATCH;
            double[] y = new double[BATCH * width];
            for (int r = 0; r < BATCH; r++) {
                for (int e = 0; e < experts.length; e++) {
                    for (int d = 0; d < width; d++) {
                        y[r * width + d] += gates[r * experts.length + e] * experts[e][r * width + d];
                    }
                }
            }
            return y;
        }

        private double[] affine(String name, double[] x, int in, int out) {
            double[] w = values.get(name + ".weight");
            double[] b = values.get(name + ".bias");
            double[] y = new double[BATCH * out];
            for (int r = 0; r < BATCH; r++) {
                for (int o = 0; o < out; o++) {
                    double sum = b[o];
                    for (int i = 0; i < in; i++) {
                        sum += x[r * in + i] * w[i * out + o];
                    }
                    y[r * out + o] = sum;
                }
            }
            return y;
        }
    }
}
