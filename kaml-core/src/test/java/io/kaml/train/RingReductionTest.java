package io.kaml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.kaml.nn.Gradients;
import io.kaml.nn.Parameter;
import io.kaml.nn.ParameterSet;
import io.kaml.nn.SparseRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class RingReductionTest {
    private final ParameterSet parameters = new ParameterSet();
    private final Parameter weight = parameters.addDense("w", 3, 4);
    private final Parameter table = parameters.addSparse("t", 50, 2);
    private final Parameter bias = parameters.addDense("b", 1, 3);
    private final List<RingReduction> open = new ArrayList<>();

    @AfterEach
    void closeAll() {
        open.forEach(RingReduction::close);
    }

    /**
     * Replica r's gradients at a step: random dense values; sparse rows 10+r (its own) and, on ranks 0
     * and 1, row 7 too, touched by rank 1 after its own row so the slot orders differ.
     */
    private Gradients gradients(int rank, int step) {
        Gradients gradients = parameters.newGradients();
        System.arraycopy(TcpRingTest.randomFloats(100L * step + rank, 12), 0, gradients.dense(weight), 0, 12);
        System.arraycopy(TcpRingTest.randomFloats(100L * step + rank + 50, 3), 0, gradients.dense(bias), 0, 3);
        float[] values = TcpRingTest.randomFloats(100L * step + rank + 70, 4);
        SparseRows rows = gradients.sparse(table);
        if (rank == 0) {
            rows.add(7, values, 0);
        }
        rows.add(10 + rank, values, 2);
        if (rank == 1) {
            rows.add(7, values, 0);
        }
        return gradients;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void everyReplicaEndsWithTheBitIdenticalMean(int k) throws Exception {
        List<TcpRing> rings = TcpRingTest.ring(k, TcpRingTest.TIMEOUT);
        List<RingReduction> reductions = rings.stream().map(ring -> new RingReduction(parameters, ring)).toList();
        open.addAll(reductions);
        assertThat(reductions.getFirst().replicas()).isEqualTo(k);
        for (int step = 0; step < 2; step++) {
            int s = step;
            List<Gradients> inputs = new ArrayList<>();
            for (int r = 0; r < k; r++) {
                inputs.add(gradients(r, s));
            }
            List<Gradients> means = TcpRingTest.onEveryRank(k, r -> {
                Gradients total = gradients(r, s);
                reductions.get(r).reduce(total);
                return total;
            });
            for (Gradients mean : means) {
                assertSameBits(mean, means.getFirst());
            }
            assertMean(means.getFirst(), inputs);
            if (k == 1) {
                assertSameBits(means.getFirst(), inputs.getFirst());
            }
        }
        assertThat(reductions.getFirst().reduceCalls()).isEqualTo(2);
        assertThat(reductions.getFirst().bytesSent() > 0).isEqualTo(k > 1);
        assertThat(reductions.getFirst().nanos() > 0).isEqualTo(k > 1);
    }

    private void assertSameBits(Gradients actual, Gradients expected) {
        assertThat(Arrays.equals(actual.dense(weight), expected.dense(weight))).isTrue();
        assertThat(Arrays.equals(actual.dense(bias), expected.dense(bias))).isTrue();
        SparseRows rows = actual.sparse(table);
        SparseRows expectedRows = expected.sparse(table);
        assertThat(rows.count()).isEqualTo(expectedRows.count());
        for (int s = 0; s < rows.count(); s++) {
            assertThat(rows.row(s)).isEqualTo(expectedRows.row(s));
        }
        int floats = rows.count() * rows.dim();
        assertThat(Arrays.equals(rows.values(), 0, floats, expectedRows.values(), 0, floats)).isTrue();
    }

    /** Compares with the mean in double; sparse rows in the order rank 0's, then rows new in rank 1's, ... */
    private void assertMean(Gradients mean, List<Gradients> inputs) {
        for (Parameter parameter : List.of(weight, bias)) {
            for (int i = 0; i < parameter.size(); i++) {
                double sum = 0;
                for (Gradients input : inputs) {
                    sum += input.dense(parameter)[i];
                }
                assertThat((double) mean.dense(parameter)[i]).isCloseTo(sum / inputs.size(), offset(1e-6));
            }
        }
        Map<Integer, double[]> expected = new LinkedHashMap<>();
        for (Gradients input : inputs) {
            SparseRows rows = input.sparse(table);
            for (int s = 0; s < rows.count(); s++) {
                double[] sum = expected.computeIfAbsent(rows.row(s), row -> new double[2]);
                for (int d = 0; d < 2; d++) {
                    sum[d] += rows.values()[2 * s + d] / inputs.size();
                }
            }
        }
        SparseRows rows = mean.sparse(table);
        assertThat(rows.count()).isEqualTo(expected.size());
        int slot = 0;
        for (Map.Entry<Integer, double[]> entry : expected.entrySet()) {
            assertThat(rows.row(slot)).isEqualTo(entry.getKey());
            for (int d = 0; d < 2; d++) {
                assertThat((double) rows.values()[2 * slot + d]).isCloseTo(entry.getValue()[d], offset(1e-6));
            }
            slot++;
        }
        assertThat(rows.row(0)).isEqualTo(7);
        assertThat(rows.count()).as("row 7 and one row of each replica's own").isEqualTo(inputs.size() + 1);
    }

    @Test
    void noneLeavesTheGradientsAsTheyAre() {
        Gradients gradients = gradients(1, 0);
        Gradients copy = gradients(1, 0);
        GradientReduction.NONE.reduce(gradients);
        GradientReduction.NONE.close();
        assertThat(GradientReduction.NONE.replicas()).isEqualTo(1);
        assertSameBits(gradients, copy);
    }
}
