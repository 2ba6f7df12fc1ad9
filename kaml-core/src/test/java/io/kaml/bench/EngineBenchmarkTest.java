package io.kaml.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
        BenchmarkResult result = result(Double.NaN, Double.NaN, null, "no OpenBLAS for mac-aarch64");
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
    void everyEngineFigureIsAlsoAFractionOfTheBlasPeak() {
        BenchmarkResult result = result(200, 120, "OpenBLAS 0.3.31, Haswell kernels", null);
        assertThat(result.gemm().kamlOverBlas()).isEqualTo(0.5);
        assertThat(result.expertGemm().kamlOverBlas()).isEqualTo(0.75);
        assertThat(result.blasFraction()).isEqualTo(0.3); // 60 GFLOP/s of 200
        assertThat(result.headline()).isEqualTo("kaml's GEMM kernel / BLAS: 50% on 2048x2048x2048, 75% on 1024x320x128; "
                + "training at batch 1024: 30% of the BLAS peak, 60% of kaml's kernel (BLAS: OpenBLAS 0.3.31, Haswell kernels)");
        assertThat(value(result, "  kaml / BLAS on 2048x2048x2048")).isEqualTo(50);
        assertThat(value(result, "engine / BLAS")).isEqualTo(30);
        assertThat(value(result, "engine / BLAS, batch 4096")).isCloseTo(100 * 8192 * 1e-3 / 200, within(1e-9));
        var json = result.toJson();
        assertThat(json.get("blas").asText()).isEqualTo("OpenBLAS 0.3.31, Haswell kernels");
        assertThat(json.get("blas_unavailable").isNull()).isTrue();
        assertThat(json.get("blas_gemm_gflops").asDouble()).isEqualTo(200);
        assertThat(json.get("gemm_blas_ratio").asDouble()).isEqualTo(0.5);
        assertThat(json.get("expert_gemm_blas_ratio").asDouble()).isEqualTo(0.75);
        assertThat(json.get("train_blas_fraction").asDouble()).isEqualTo(0.3);
        assertThat(json.get("training").get(1).get("blas_fraction").asDouble()).isCloseTo(8192 * 1e-3 / 200, within(1e-12));
    }

    @Test
    void withoutABlasTheHeadlineSaysWhyAndNoBlasFigureIsMade() {
        BenchmarkResult result = result(Double.NaN, Double.NaN, null, "no OpenBLAS for mac-aarch64");
        assertThat(result.headline()).isEqualTo("training at batch 1024 at 60% of kaml's own GEMM kernel, which is no peak "
                + "(no BLAS: no OpenBLAS for mac-aarch64)");
        assertThat(result.figures()).noneMatch(f -> f.label().contains("BLAS"));
        var json = result.toJson();
        assertThat(json.get("blas").isNull()).isTrue();
        assertThat(json.get("blas_unavailable").asText()).isEqualTo("no OpenBLAS for mac-aarch64");
        for (String key : new String[] {"blas_gemm_gflops", "gemm_blas_ratio", "train_blas_fraction"}) {
            assertThat(json.get(key).isNull()).as(key).isTrue();
        }
        assertThatThrownBy(() -> result(200, 120, "OpenBLAS", "and a reason")).hasMessageContaining("not both");
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

    /** Training at 60,000 samples/s x 1 MFLOP = 60 GFLOP/s at batch 1024; kaml's kernel at 100 and 90 GFLOP/s. */
    private static BenchmarkResult result(double blasGflops, double blasExpertGflops, String blas, String unavailable) {
        return new BenchmarkResult(BenchmarkConfig.reference(2, 1), 1_000_000,
                List.of(new BenchmarkResult.TrainingRun(1024, 10, 8, 60_000, 1.0, 12),
                        new BenchmarkResult.TrainingRun(4096, 3, 2, 8192, 1.0, 500)),
                new BenchmarkResult.GemmRates("2048x2048x2048", 100, blasGflops),
                new BenchmarkResult.GemmRates("1024x320x128", 90, blasExpertGflops), blas, unavailable,
                100_000, new BenchmarkResult.Latency(1000, 20, 150, 200, 300),
                Double.NaN, Map.of("gemm", 0.1, "train_batch1024", 0.9), Map.of());
    }

    private static String status(BenchmarkResult result, String label) {
        return figure(result, label).status();
    }

    private static double value(BenchmarkResult result, String label) {
        return figure(result, label).value();
    }

    private static BenchmarkResult.Figure figure(BenchmarkResult result, String label) {
        return result.figures().stream().filter(f -> f.label().equals(label)).findFirst().orElseThrow(
                () -> new AssertionError("no figure '" + label + "' in " + result.figures()));
    }
}
