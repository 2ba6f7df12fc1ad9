package io.kaml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny run: the command works end to end and writes every key. No timing is asserted. */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void tinyRunPrintsTheTableAndWritesJsonWithEveryKey() throws Exception {
        Path json = dir.resolve("bench.json");
        CommandLineTest run = CommandLineTest.run("bench", "--rows", "3000", "--buckets", "500", "--requests", "500",
                "--gemm-size", "64", "--threads", "2", "--json", json.toString()).succeeds();
        assertThat(run.out()).contains("kaml bench --rows 3000").contains("Java ").contains("; GEMM tile ").contains("training, batch 1024")
                .contains("training, batch 4096").contains("engine / GEMM").contains("single request p99")
                .contains("peak RSS").contains("not the reference model");
        assertThat(run.err()).contains("wrote " + json);
        JsonNode node = new ObjectMapper().readTree(Files.readString(json));
        for (String key : new String[] {"train_samples_per_s", "gemm_gflops", "train_gflops", "infer_samples_per_s",
                "predict_p50_us", "predict_p99_us", "peak_rss_mb"}) {
            assertThat(node.has(key)).as(key).isTrue();
            assertThat(node.get(key).isNumber()).as("%s is a number: %s", key, node.get(key)).isTrue();
            assertThat(node.get(key).asDouble()).as(key).isPositive();
        }
        if (OpenBlas.platform(System.getProperty("os.name"), System.getProperty("os.arch")).equals(OpenBlas.SHIPPED_PLATFORM)) {
            assertThat(run.out()).contains("BLAS peak: OpenBLAS 0.3.").contains("kaml's GEMM kernel / BLAS: ")
                    .contains("  kaml / BLAS on 64x64x64").contains("engine / BLAS, batch 4096");
            assertThat(node.get("blas").asText()).startsWith("OpenBLAS 0.3.");
            assertThat(node.get("blas_unavailable").isNull()).isTrue();
            for (String key : new String[] {"blas_gemm_gflops", "blas_expert_gemm_gflops", "gemm_blas_ratio",
                    "expert_gemm_blas_ratio", "train_blas_fraction"}) {
                assertThat(node.get(key).asDouble()).as(key).isPositive();
            }
            assertThat(node.get("training").get(1).get("blas_fraction").asDouble()).isPositive();
        }
        assertThat(node.get("flops_per_sample").asLong()).isEqualTo(1_280_448);
        assertThat(node.get("environment").get("gemm_tile").asText()).matches("(4x4|5x2) vectors of \\d+ floats, .+");
        assertThat(node.get("reference_model").asBoolean()).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("bench.json");
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            // as a plain write under the process's umask gives, not Files.createTempFile's 0600
            Path plain = Files.writeString(dir.resolve("plain"), "x");
            assertThat(Files.getPosixFilePermissions(json)).isEqualTo(Files.getPosixFilePermissions(plain));
        }
    }

    @Test
    void aBlasThatCannotLoadIsOneLineAndTheOwnFiguresStill() throws Exception {
        Path json = dir.resolve("bench.json");
        Path missing = dir.resolve("no-such-libopenblas.so");
        CommandLineTest run = CommandLineTest.run("bench", "--rows", "2000", "--buckets", "100", "--requests", "100",
                "--gemm-size", "32", "--threads", "1", "--blas-library", missing.toString(), "--json", json.toString()).succeeds();
        assertThat(run.out().lines().filter(line -> line.contains("BLAS")).toList()).containsExactly(
                run.out().lines().filter(line -> line.startsWith("BLAS peak: none, cannot load " + missing + ": ")
                        && line.endsWith("; reporting kaml's own figures only")).findFirst().orElseThrow(),
                run.out().lines().filter(line -> line.startsWith("training at batch 1024 at ")
                        && line.contains("(no BLAS: cannot load " + missing)).findFirst().orElseThrow());
        assertThat(run.out()).contains("GEMM 32x32x32, 1 threads").contains("engine / GEMM");
        JsonNode node = new ObjectMapper().readTree(Files.readString(json));
        assertThat(node.get("blas").isNull()).isTrue();
        assertThat(node.get("blas_unavailable").asText()).startsWith("cannot load " + missing);
        assertThat(node.get("blas_gemm_gflops").isNull()).isTrue();
        assertThat(node.get("train_blas_fraction").isNull()).isTrue();
        assertThat(node.get("gemm_gflops").asDouble()).isPositive();
    }

    @Test
    void badOptionsAreUserErrors() {
        CommandLineTest threads = CommandLineTest.run("bench", "--threads", "0");
        assertThat(threads.exitCode()).isEqualTo(2);
        assertThat(threads.err()).contains("--threads must be at least 1");
        CommandLineTest json = CommandLineTest.run("bench", "--json", dir.resolve("missing/b.json").toString());
        assertThat(json.exitCode()).isEqualTo(2);
        assertThat(json.err()).contains("--json: no directory");
        assertThat(CommandLineTest.run("bench", "--help").succeeds().out()).contains("Examples:").contains("--quick");
    }
}
