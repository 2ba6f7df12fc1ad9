package io.kaml.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaml.model.ModelConfig;
import io.kaml.model.MultiTaskModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's arithmetic and reporting; no timing is asserted anywhere. */
class EngineBenchmarkTest {
    @Test
    void flopsPerSampleOfTheReferenceModelFollowsItsLayerShapes() {
        MultiTaskModel model = MultiTaskModel.create(ModelConfig.reference(), SyntheticData.encoder(20, 10, 5), 1);
        long multiplyAdds = 4L * (320 * 128 + 128 * 64) + 5L * (320 * 4) + 5L * (64 * 32 + 32);
        assertThat(multiplyAdds).isEqualTo(213_408);
        assertThat(EngineBenchmark.flopsPerSample(model)).isEqualTo(6 * multiplyAdds).isEqualTo(1_280_448);
    }

    @Test
    void nearestRankPercentilesAndMedian() {
        long[] sorted = new long[100];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i + 1;
        }
        assertThat(EngineBenchmark.percentile(sorted, 0.50)).isEqualTo(50);
        assertThat(EngineBenchmark.percentile(sorted, 0.99)).isEqualTo(99);
        assertThat(EngineBenchmark.percentile(sorted, 0.999)).isEqualTo(100);
        assertThat(EngineBenchmark.percentile(new long[] {7}, 0.99)).isEqualTo(7);
        assertThat(EngineBenchmark.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(EngineBenchmark.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
    }

    @Test
    void figuresCompareWithTargetsInTheRightDirection() {
        BenchmarkConfig config = BenchmarkConfig.reference(2, 1);
        BenchmarkResult result = new BenchmarkResult(config, 1_000_000,
                List.of(new BenchmarkResult.TrainingRun(1024, 10, 8, 60_000, 1.0, 12),
                        new BenchmarkResult.TrainingRun(4096, 3, 2, 8192, 1.0, 500)),
                "2048x2048x2048", 100, "1024x320x128", 90, 100_000, new BenchmarkResult.Latency(1000, 20, 150, 200, 300),
                Double.NaN, Map.of("gemm", 0.1, "train_batch1024", 0.9), Map.of());
        assertThat(result.trainSamplesPerSecond()).isEqualTo(60_000);
        assertThat(result.trainGflops()).isEqualTo(60);
        assertThat(result.gemmFraction()).isEqualTo(0.6);
        assertThat(status(result, "training, batch 1024")).isEqualTo("PASS");
        assertThat(status(result, "training, batch 4096")).isEmpty();
        assertThat(status(result, "engine / GEMM")).isEqualTo("PASS");
        assertThat(status(result, "batch inference")).isEqualTo("BELOW");
        assertThat(status(result, "single request p99")).isEqualTo("BELOW");
        assertThat(result.toTable()).contains("n/a").contains("60,000");
        assertThat(result.toJson().get("peak_rss_mb").isNull()).isTrue();
        assertThat(result.toJson().get("train_samples_per_s_batch4096").asDouble()).isEqualTo(8192);
        assertThat(result.contendedPhases()).containsExactly("train_batch1024");
        assertThat(result.toJson().get("other_cpu_cores").get("gemm").asDouble()).isEqualTo(0.1);
    }

    @Test
    void otherCoresIsTheMachineBusyTimeNotOurs() {
        CpuMeter.Snapshot from = new CpuMeter.Snapshot(100, 400, 50, 2);
        CpuMeter.Snapshot to = new CpuMeter.Snapshot(300, 800, 150, 2);
        assertThat(CpuMeter.otherCores(from, to)).isEqualTo(0.5); // (200 busy - 100 ours) / 400 ticks x 2 cpus
        assertThat(CpuMeter.otherCores(null, to)).isNaN();
        assertThat(CpuMeter.otherCores(to, to)).isNaN();
        CpuMeter.Snapshot now = CpuMeter.now();
        if (now != null) { // Linux
            assertThat(now.cpus()).isPositive();
            assertThat(now.machineBusy()).isBetween(0L, now.machineTotal());
        }
    }

    @Test
    void configValidatesAndQuickIsSmaller() {
        assertThat(BenchmarkConfig.reference(2, 1).referenceModel()).isTrue();
        assertThat(BenchmarkConfig.reference(2, 1).withBuckets(1000).referenceModel()).isFalse();
        assertThat(BenchmarkConfig.quick(2, 1).rows()).isLessThan(BenchmarkConfig.reference(2, 1).rows());
        assertThat(BenchmarkConfig.reference(2, 1).withRows(500).validRows()).isEqualTo(500);
        assertThatThrownBy(() -> BenchmarkConfig.reference(0, 1)).hasMessageContaining("threads");
        assertThatThrownBy(() -> BenchmarkConfig.reference(2, 1).withRequests(0)).hasMessageContaining("requests");
    }

    private static String status(BenchmarkResult result, String label) {
        return result.figures().stream().filter(f -> f.label().equals(label)).findFirst().orElseThrow().status();
    }
}
