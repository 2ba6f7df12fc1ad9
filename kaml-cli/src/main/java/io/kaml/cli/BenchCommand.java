package io.kaml.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaml.bench.BenchmarkConfig;
import io.kaml.bench.BlasPeak;
import io.kaml.bench.BenchmarkResult;
import io.kaml.bench.EngineBenchmark;
import io.kaml.data.AtomicFile;
import io.kaml.train.TrainConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the engine: training and inference speed of the reference model on generated data.",
                "",
                "Generates encoded samples in memory (20 fields x 100,000 buckets with Zipf-like ids, 5 actions, random "
                        + "labels), then measures: the machine's fp32 GEMM rate, kaml's own kernel taking turns with "
                        + "OpenBLAS's sgemm on the same shapes and threads (the BLAS is the peak: kaml's kernel alone is none); "
                        + "training samples/s at batch 1024 and 4096 "
                        + "(one epoch each through the real trainer, reference MMoE model, masked BCE, Adam + lazy Adam, the "
                        + "first 20%% of steps as warm-up); the engine's GFLOP/s (samples/s x forward+backward FLOPs per "
                        + "sample) as a fraction of kaml's GEMM rate and of the BLAS's; batch inference samples/s; "
                        + "single-request latency; peak RSS. "
                        + "Each figure is printed with the issue's target and PASS or BELOW. The figures vary from run to run, "
                        + "more so on a busy machine: run it several times and compare medians.",
                "",
                "It takes about 30 s on 2 cores; --quick about 15 s and noisier."},
        footer = {"", "Examples:",
                "  ./kaml bench",
                "  ./kaml bench --threads 1 --json bench-1thread.json",
                "  ./kaml bench --quick",
                "  # another OpenBLAS as the peak (kaml carries one for linux-x86_64 only):",
                "  ./kaml bench --blas-library /usr/lib/aarch64-linux-gnu/libopenblas.so.0",
                "  # what an AVX2 machine runs, on an AVX-512 one:",
                "  OPENBLAS_CORETYPE=Haswell KAML_JAVA_OPTS='-XX:UseAVX=2' ./kaml bench",
                "  # the AVX2 tile shape on this machine's vectors:",
                "  KAML_JAVA_OPTS='-Dkaml.gemm.tile=5x2' ./kaml bench",
                "  # profile it:",
                "  KAML_JAVA_OPTS='-XX:StartFlightRecording=filename=bench.jfr' ./kaml bench"})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--threads", paramLabel = "N",
            description = "Training and batch-inference threads (default: the machine's cores, at most 2: ${DEFAULT-VALUE}).")
    int threads = TrainConfig.defaults().threads();

    @Option(names = "--rows", paramLabel = "N", description = "Generated training rows (default: 500000; 100000 with --quick).")
    Integer rows;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Data, initialisation and shuffling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quick", description = "A shorter, noisier run: 100,000 rows, 20,000 requests, 3 GEMM runs.")
    boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    Path json;

    @Option(names = "--buckets", paramLabel = "N",
            description = "Buckets per field (default: 100000). Another value is not the reference model, so the targets do not apply.")
    Integer buckets;

    @Option(names = "--requests", paramLabel = "N", description = "Timed single requests (default: 100000; 20000 with --quick).")
    Integer requests;

    @Option(names = "--gemm-size", paramLabel = "N", description = "Measure the machine's GEMM rate on an N x N x N product (default: 2048).")
    Integer gemmSize;

    @Option(names = "--blas-library", paramLabel = "FILE",
            description = "Time this OpenBLAS shared library as the BLAS peak instead of the one kaml carries (linux-x86_64 only).")
    Path blasLibrary;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        BenchmarkConfig config = config();
        if (json != null && !Files.isDirectory(json.toAbsolutePath().getParent())) {
            throw new UserException("--json: no directory " + json.toAbsolutePath().getParent());
        }
        List<String> args = command.commandLine().getParseResult().originalArgs(); // from the top: "bench", options
        out.println("kaml " + String.join(" ", args));
        Map<String, String> env = EngineBenchmark.environment();
        out.printf("Java %s, %s; %s, %s processors; max heap %s MB; GC %s; vectors %s; GEMM tile %s%n", env.get("java"),
                env.get("vm"), env.get("cpu"), env.get("processors"), env.get("max_heap_mb"), env.get("gc"), env.get("vector_species"),
                env.get("gemm_tile"));
        out.printf("JVM arguments: %s%n", env.get("jvm_args").isEmpty() ? "(none)" : env.get("jvm_args"));
        BlasPeak blas = blasPeak();
        out.println(blas.blas() == null ? "BLAS peak: none, " + blas.unavailable() + "; reporting kaml's own figures only"
                : String.format(Locale.ROOT, "BLAS peak: %s, on %d threads, taking turns with kaml's kernel", blas.blas().description(),
                        config.threads()));
        out.printf(Locale.ROOT, "%,d rows, %d fields x %,d buckets, %d actions, reference MMoE model, %d threads, seed %d%n",
                config.rows(), config.fields(), config.buckets(), config.actions(), config.threads(), config.seed());
        out.flush();
        long start = System.nanoTime();
        BenchmarkResult result = EngineBenchmark.run(config, blas, line -> {
            err.printf(Locale.ROOT, "bench: %5.1f s  %s%n", (System.nanoTime() - start) / 1e9, line);
            err.flush();
        });
        out.println();
        out.println(result.headline());
        out.println();
        out.print(result.toTable());
        out.println();
        for (BenchmarkResult.TrainingRun run : result.training()) {
            out.printf(Locale.ROOT, "batch %d: %d steps, timed the last %d (%,d rows in %.2f s), median step %.1f ms%n",
                    run.batchSize(), run.steps(), run.timedSteps(), run.timedRows(), run.seconds(), run.medianStepMs());
        }
        out.printf(Locale.ROOT, "engine GFLOP/s = samples/s x %,d FLOPs per sample (3 x sum of 2 x in x out over the dense layers: "
                + "forward, weight and input gradients; other work is not counted)%n", result.flopsPerSample());
        out.printf(Locale.ROOT, "single request: %,d timed after %,d untimed; max %.1f µs%n", result.latency().requests(),
                config.warmUpRequests(), result.latency().maxUs());
        out.println(result.contentionLine());
        if (!result.contendedPhases().isEmpty()) {
            out.printf(Locale.ROOT, "warning: other processes used more than %.2f cores during %s; those figures understate the "
                    + "engine: run again on a quieter machine%n", BenchmarkResult.CONTENDED_CORES, String.join(", ", result.contendedPhases()));
        }
        if (!config.referenceModel()) {
            out.println("note: not the reference model (20 fields x 100,000 buckets, 5 actions); the targets do not apply");
        }
        out.printf(Locale.ROOT, "total %.1f s%n", (System.nanoTime() - start) / 1e9);
        if (json != null) {
            writeJson(result);
            err.printf("bench: wrote %s%n", json);
        }
        return 0;
    }

    private BenchmarkConfig config() {
        if (threads < 1) {
            throw new UserException("--threads must be at least 1, got " + threads);
        }
        BenchmarkConfig config = quick ? BenchmarkConfig.quick(threads, seed) : BenchmarkConfig.reference(threads, seed);
        if (rows != null) {
            config = config.withRows(positive("--rows", rows));
        }
        if (buckets != null) {
            config = config.withBuckets(positive("--buckets", buckets));
        }
        if (requests != null) {
            config = config.withRequests(positive("--requests", requests));
        }
        if (gemmSize != null) {
            if (gemmSize < threads) {
                throw new UserException("--gemm-size must be at least --threads (" + threads + "), got " + gemmSize);
            }
            config = config.withGemm(gemmSize, config.gemmRuns());
        }
        return config;
    }

    private BlasPeak blasPeak() {
        try {
            return BlasPeak.of(blasLibrary == null ? OpenBlas.shipped() : OpenBlas.load(blasLibrary));
        } catch (OpenBlas.Unavailable e) {
            return BlasPeak.none(e.getMessage());
        }
    }

    private static int positive(String option, int value) {
        if (value < 1) {
            throw new UserException(option + " must be at least 1, got " + value);
        }
        return value;
    }

    private void writeJson(BenchmarkResult result) throws IOException {
        AtomicFile.write(json, (new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result.toJson()) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
