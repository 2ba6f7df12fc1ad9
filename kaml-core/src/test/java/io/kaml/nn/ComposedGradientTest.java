package io.kaml.nn;

import static io.kaml.nn.GradientCheck.TOLERANCE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** embedding → dense → relu → dense → masked sigmoid BCE, checked end to end. */
class ComposedGradientTest {
    private static final int[] BUCKETS = {4, 3, 5};
    private static final int FIELDS = BUCKETS.length;
    private static final int DIM = 4;
    private static final int WIDTH = FIELDS * DIM;
    private static final int HIDDEN = 6;
    private static final int BATCH = 5;
    private static final int[] IDS = {0, 1, 4, 2, 1, 0, 0, 2, 4, 3, 1, 1, 0, 0, 2};
    private static final float[] LABELS = {1, 0, 0, 1, 1};
    private static final float[] MASK = {1, 1, 0, 1, 1};
    private static final float SCALE = 1f / 4;

    private final ParameterSet parameters = new ParameterSet();
    private final Embedding embedding;
    private final Dense hidden;
    private final Dense output;

    ComposedGradientTest() {
        RandomGenerator random = GradientCheck.random(21);
        embedding = new Embedding(parameters, "embedding", BUCKETS, DIM, 0.5f, random);
        hidden = new Dense(parameters, "hidden", WIDTH, HIDDEN, WeightInit.HE_UNIFORM, random);
        output = new Dense(parameters, "output", HIDDEN, 1, WeightInit.XAVIER_UNIFORM, random);
        float[] hiddenBias = parameters.values(hidden.bias());
        System.arraycopy(GradientCheck.uniform(HIDDEN, random, -0.3f, 0.3f), 0, hiddenBias, 0, HIDDEN);
        parameters.values(output.bias())[0] = 0.2f;
    }

    /** One worker's forward and backward over rows [from, to) of the batch. */
    private Gradients train(int from, int to) {
        int batch = to - from;
        int[] ids = Arrays.copyOfRange(IDS, from * FIELDS, to * FIELDS);
        float[] labels = Arrays.copyOfRange(LABELS, from, to);
        float[] mask = Arrays.copyOfRange(MASK, from, to);
        float[] e = new float[batch * WIDTH];
        float[] h = new float[batch * HIDDEN];
        float[] z = new float[batch];
        embedding.forward(ids, e, batch);
        hidden.forward(e, h, batch);
        Relu.forward(h, h, batch * HIDDEN);
        output.forward(h, z, batch);

        Gradients gradients = parameters.newGradients();
        float[] dz = new float[batch];
        float[] dh = new float[batch * HIDDEN];
        float[] de = new float[batch * WIDTH];
        for (int i = 0; i < batch; i++) {
            dz[i] = (SigmoidCrossEntropy.sigmoid(z[i]) - labels[i]) * mask[i] * SCALE;
        }
        output.backward(h, dz, dh, false, batch, gradients);
        Relu.backward(h, dh, dh, batch * HIDDEN);
        hidden.backward(e, dh, de, false, batch, gradients);
        embedding.backward(ids, de, batch, gradients);
        return gradients;
    }

    /** The same model in double; params is one of the five tensors, substituted by position. */
    private double loss(double[][] params) {
        double[] table = params[0], w1 = params[1], b1 = params[2], w2 = params[3], b2 = params[4];
        int[] offsets = embedding.fieldOffset();
        double total = 0;
        for (int r = 0; r < BATCH; r++) {
            double[] e = new double[WIDTH];
            for (int f = 0; f < FIELDS; f++) {
                int row = offsets[f] + IDS[r * FIELDS + f];
                System.arraycopy(table, row * DIM, e, f * DIM, DIM);
            }
            double z = b2[0];
            for (int j = 0; j < HIDDEN; j++) {
                double a = b1[j];
                for (int i = 0; i < WIDTH; i++) {
                    a += e[i] * w1[i * HIDDEN + j];
                }
                z += Math.max(0, a) * w2[j];
            }
            double prob = 1 / (1 + Math.exp(-z));
            total += MASK[r] * -(LABELS[r] * Math.log(prob) + (1 - LABELS[r]) * Math.log(1 - prob));
        }
        return SCALE * total;
    }

    private double[][] doubleParameters() {
        Parameter[] order = {embedding.table(), hidden.weight(), hidden.bias(), output.weight(), output.bias()};
        double[][] params = new double[order.length][];
        for (int i = 0; i < order.length; i++) {
            params[i] = GradientCheck.toDouble(parameters.values(order[i]));
        }
        return params;
    }

    @Test
    void endToEndGradientsMatchFiniteDifferences() {
        assertHiddenUnitsAwayFromTheKink();
        Gradients gradients = train(0, BATCH);
        SparseRows rows = gradients.sparse(embedding.table());
        float[] table = new float[embedding.table().size()];
        for (int s = 0; s < rows.count(); s++) {
            System.arraycopy(rows.values(), s * DIM, table, rows.row(s) * DIM, DIM);
        }
        float[][] analytic = {table, gradients.dense(hidden.weight()), gradients.dense(hidden.bias()),
            gradients.dense(output.weight()), gradients.dense(output.bias())};
        String[] names = {"table", "hidden W", "hidden b", "output W", "output b"};
        double[][] params = doubleParameters();
        for (int t = 0; t < params.length; t++) {
            int which = t;
            double[] numeric = GradientCheck.numeric(params[t], p -> {
                double[][] substituted = params.clone();
                substituted[which] = p;
                return loss(substituted);
            });
            assertThat(GradientCheck.report("composed " + names[t], analytic[t], numeric)).isLessThan(TOLERANCE);
        }
    }

    @Test
    void twoWorkersSumToTheWholeBatchGradient() {
        Gradients whole = train(0, BATCH);
        Gradients summed = parameters.newGradients();
        train(0, 3).addTo(summed);
        train(3, BATCH).addTo(summed);
        for (Parameter parameter : parameters.parameters()) {
            if (parameter.sparse()) {
                SparseRows a = whole.sparse(parameter);
                SparseRows b = summed.sparse(parameter);
                assertThat(b.count()).isEqualTo(a.count());
                for (int s = 0; s < a.count(); s++) {
                    assertThat(b.row(s)).isEqualTo(a.row(s));
                }
                assertClose(Arrays.copyOf(b.values(), b.count() * DIM), Arrays.copyOf(a.values(), a.count() * DIM));
            } else {
                assertClose(summed.dense(parameter), whole.dense(parameter));
            }
        }
    }

    private static void assertClose(float[] actual, float[] expected) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).isLessThanOrEqualTo(1e-6f * (1 + Math.abs(expected[i])));
        }
    }

    /** A pre-activation within eps of zero would make the finite difference straddle the ReLU kink. */
    private void assertHiddenUnitsAwayFromTheKink() {
        float[] e = new float[BATCH * WIDTH];
        float[] h = new float[BATCH * HIDDEN];
        embedding.forward(IDS, e, BATCH);
        hidden.forward(e, h, BATCH);
        for (float a : h) {
            assertThat(Math.abs(a)).isGreaterThan(1e-3f);
        }
    }
}
