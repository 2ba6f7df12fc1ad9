package io.kaml.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How workloads take turns; no timing is asserted. */
class GemmBenchmarkTest {
    @Test
    void workloadsTakeTurnsInAnOrderThatAlternatesEveryRound() throws Exception {
        List<String> calls = new ArrayList<>();
        double[] rates = GemmBenchmark.interleaved(List.of(recording("kaml", calls), recording("blas", calls)), 3, 3);
        // two untimed rounds, then three timed ones; each call computes all three repetitions
        assertThat(calls).containsExactly("kaml x3", "blas x3", "blas x3", "kaml x3", "kaml x3", "blas x3",
                "blas x3", "kaml x3", "kaml x3", "blas x3");
        assertThat(rates).hasSize(2);
        assertThat(rates[0]).isPositive();
        assertThat(rates[1]).isPositive();
    }

    @Test
    void ownWorkloadRunsTheKernelOnItsThreadsAndCountsItsFlops() throws Exception {
        try (GemmWorkload own = GemmBenchmark.workload(GemmBenchmark.Product.FORWARD, 9, 5, 17, 2)) {
            assertThat(own.flops()).isEqualTo(2.0 * 9 * 5 * 17);
            own.run(2);
        }
        assertThatThrownBy(() -> GemmBenchmark.workload(GemmBenchmark.Product.FORWARD, 1, 5, 17, 2))
                .hasMessageContaining("m >= threads");
    }

    private static GemmWorkload recording(String name, List<String> calls) {
        return new GemmWorkload() {
            @Override
            public double flops() {
                return 1e6;
            }

            @Override
            public void run(int repetitions) {
                calls.add(name + " x" + repetitions);
            }

            @Override
            public void close() {
            }
        };
    }
}
