package io.kaml.nn;

import static io.kaml.nn.GradientCheck.TOLERANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class EmbeddingTest {
    private static final int[] BUCKETS = {4, 5, 3};
    private static final int DIM = 3;
    private static final int BATCH = 6;
    /** [batch, fields]: 18 lookups of 9 distinct rows; field 0 bucket 1 and field 1 bucket 4 appear three times. */
    private static final int[] IDS = {
        1, 4, 0,
        1, 0, 2,
        3, 4, 0,
        1, 2, 0,
        0, 4, 1,
        3, 0, 2,
    };

    /** Σ dOut ⊙ table[row(ids)] in double. */
    private static double loss(double[] table, int[] offsets, float[] dOut) {
        double sum = 0;
        for (int r = 0; r < BATCH; r++) {
            for (int f = 0; f < BUCKETS.length; f++) {
                int row = offsets[f] + IDS[r * BUCKETS.length + f];
                for (int d = 0; d < DIM; d++) {
                    sum += dOut[(r * BUCKETS.length + f) * DIM + d] * table[row * DIM + d];
                }
            }
        }
        return sum;
    }

    @Test
    void sparseGradientMatchesFiniteDifferencesWithRepeatedIds() {
        RandomGenerator random = GradientCheck.random(13);
        ParameterSet parameters = new ParameterSet();
        Embedding embedding = new Embedding(parameters, "embedding", BUCKETS, DIM, 0.5f, random);
        assertThat(embedding.fieldOffset()).containsExactly(0, 4, 9);
        float[] table = parameters.values(embedding.table());
        float[] out = new float[BATCH * embedding.width()];
        embedding.forward(IDS, out, BATCH);
        assertThat(out[(1 * 3 + 2) * DIM]).isEqualTo(table[(9 + 2) * DIM]);

        float[] dOut = GradientCheck.uniform(out.length, random, -1, 1);
        Gradients gradients = parameters.newGradients();
        embedding.backward(IDS, dOut, BATCH, gradients);
        SparseRows sparse = gradients.sparse(embedding.table());

        assertThat(sparse.count()).isEqualTo(9);
        int[] firstTouched = {1, 8, 9, 4, 11, 3, 6, 0, 10};
        for (int s = 0; s < firstTouched.length; s++) {
            assertThat(sparse.row(s)).isEqualTo(firstTouched[s]);
        }
        float[] dense = new float[table.length];
        for (int s = 0; s < sparse.count(); s++) {
            System.arraycopy(sparse.values(), s * DIM, dense, sparse.row(s) * DIM, DIM);
        }
        int[] offsets = embedding.fieldOffset();
        double[] numeric = GradientCheck.numeric(GradientCheck.toDouble(table), p -> loss(p, offsets, dOut));
        assertThat(GradientCheck.report("Embedding table (repeated ids)", dense, numeric)).isLessThan(TOLERANCE);
        for (int row = 0; row < table.length / DIM; row++) {
            boolean touched = false;
            for (int s = 0; s < sparse.count(); s++) {
                touched |= sparse.row(s) == row;
            }
            if (!touched) {
                assertThat(numeric[row * DIM]).isZero();
            }
        }
    }

    @Test
    void referenceSizedTableTouchesOnlyTheBatchRows() {
        int[] buckets = new int[20];
        java.util.Arrays.fill(buckets, 100_000);
        ParameterSet parameters = new ParameterSet();
        Embedding embedding = new Embedding(parameters, "embedding", buckets, 16, 0.01f, GradientCheck.random(14));
        assertThat(embedding.table().rows()).isEqualTo(2_000_000);
        assertThat(embedding.fieldOffset()[19]).isEqualTo(1_900_000);
        int batch = 64;
        int[] ids = new int[batch * 20];
        RandomGenerator random = GradientCheck.random(15);
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(8);
        }
        float[] out = new float[batch * embedding.width()];
        embedding.forward(ids, out, batch);
        Gradients gradients = parameters.newGradients();
        embedding.backward(ids, out, batch, gradients);
        SparseRows sparse = gradients.sparse(embedding.table());
        assertThat(sparse.count()).isLessThanOrEqualTo(20 * 8);
        for (int s = 0; s < sparse.count(); s++) {
            assertThat(sparse.row(s) % 100_000).isLessThan(8);
        }
    }

    @Test
    void forwardCopiesEachSamplesRowsAcrossGatherBlocks() {
        // 19 samples: two whole blocks of 8 and a short one; rows of 20 floats span two or three cache lines.
        int[] buckets = {7, 11};
        int dim = 20;
        ParameterSet parameters = new ParameterSet();
        Embedding embedding = new Embedding(parameters, "embedding", buckets, dim, 0.5f, GradientCheck.random(17));
        int batch = 19;
        int[] ids = new int[batch * 2];
        RandomGenerator random = GradientCheck.random(18);
        for (int r = 0; r < batch; r++) {
            ids[2 * r] = random.nextInt(7);
            ids[2 * r + 1] = random.nextInt(11);
        }
        float[] out = new float[batch * 2 * dim];
        embedding.forward(ids, out, batch);
        float[] table = parameters.values(embedding.table());
        for (int r = 0; r < batch; r++) {
            for (int f = 0; f < 2; f++) {
                int row = embedding.row(f, ids[2 * r + f]);
                assertThat(java.util.Arrays.copyOfRange(out, (2 * r + f) * dim, (2 * r + f + 1) * dim)).as("sample %d field %d", r, f)
                        .isEqualTo(java.util.Arrays.copyOfRange(table, row * dim, (row + 1) * dim));
            }
        }
    }

    @Test
    void rejectsIdsOutsideTheirField() {
        ParameterSet parameters = new ParameterSet();
        Embedding embedding = new Embedding(parameters, "embedding", BUCKETS, DIM, 0.5f, GradientCheck.random(16));
        assertThatThrownBy(() -> embedding.forward(new int[] {0, 5, 0}, new float[9], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 1");
    }
}
