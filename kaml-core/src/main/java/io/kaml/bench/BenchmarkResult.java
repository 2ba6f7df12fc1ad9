package io.kaml.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one {@link EngineBenchmark} run, the targets, and their JSON.
 *
 * @param flopsPerSample forward + backward FLOPs of one training sample, from the model's layer shapes
 *                       (see {@link EngineBenchmark#flopsPerSample})
 * @param training       one run per batch size, {@link EngineBenchmark#BATCH_SIZES} in order
 * @param gemm           the machine's fp32 GEMM rates on a gemmSize³ product on {@code threads} threads
 * @param expertGemm     the GEMM rates on the model's largest product (a training slice times the first
 *                       expert layer), on the same threads
 * @param blas           the external BLAS timed beside kaml's kernel, as {@link ReferenceBlas#description()};
 *                       null when there is none
 * @param blasUnavailable why there is no BLAS, one line; null when there is one
 * @param inferSamplesPerSecond batch inference through {@link io.kaml.model.Scorer}, median over passes
 * @param latency        single-request latency on one thread
 * @param peakRssMb      the process's peak resident set (VmHWM) in MiB, or NaN where /proc is missing
 * @param otherCpuCores  per phase (gemm, expert_gemm, train_batch1024, ...), the cores' worth of CPU other
 *                       processes used while it was timed (NaN where unknown); above
 *                       {@link #CONTENDED_CORES} the phase's figure understates the engine
 * @param environment    JVM and machine description, in display order
 */
public record BenchmarkResult(BenchmarkConfig config, long flopsPerSample, List<TrainingRun> training,
                              GemmRates gemm, GemmRates expertGemm, String blas, String blasUnavailable,
                              double inferSamplesPerSecond, Latency latency, double peakRssMb,
                              Map<String, Double> otherCpuCores, Map<String, String> environment) {
    public static final double TRAIN_TARGET = 50_000;
    public static final double GEMM_FRACTION_TARGET = 0.40;
    public static final double INFER_TARGET = 150_000;
    public static final double P99_TARGET_US = 100;
    /** Other processes using more than this many cores during a phase make its figure suspect. */
    public static final double CONTENDED_CORES = 0.25;

    /**
     * One epoch at one batch size; only steps after the warm-up are timed.
     *
     * @param steps        steps in the epoch
     * @param timedSteps   steps after the warm-up
     * @param timedRows    rows of the timed steps
     * @param seconds      wall time of the timed steps, from the end of the last warm-up step to the end of the epoch's last step
     * @param medianStepMs the median wall time of one timed step
     */
    public record TrainingRun(int batchSize, int steps, int timedSteps, long timedRows, double seconds, double medianStepMs) {
        public double samplesPerSecond() {
            return timedRows / seconds;
        }
    }

    /**
     * One product's rates, taking turns in the same process.
     *
     * @param shape      m x k x n, e.g. "2048x2048x2048"
     * @param kamlGflops kaml's own kernel, median over runs
     * @param blasGflops the external BLAS on the same shape and threads; NaN without one
     */
    public record GemmRates(String shape, double kamlGflops, double blasGflops) {
        /** kaml's rate over the BLAS's: the share of the attainable rate its kernel reaches (NaN without a BLAS). */
        public double kamlOverBlas() {
            return kamlGflops / blasGflops;
        }
    }

    /** Single-request latency percentiles (nearest rank) in µs over {@code requests} timed requests. */
    public record Latency(int requests, double p50Us, double p99Us, double p999Us, double maxUs) {
    }

    /**
     * One line of the report.
     *
     * @param target  null when the issue sets none
     * @param atLeast whether the value must reach the target from above (else stay at or below it)
     */
    public record Figure(String label, double value, String unit, Double target, boolean atLeast) {
        /** "PASS", "BELOW" (missed the target, in whichever direction), or "" without a target. */
        public String status() {
            if (target == null) {
                return "";
            }
            return (atLeast ? value >= target : value <= target) ? "PASS" : "BELOW";
        }
    }

    public BenchmarkResult {
        training = List.copyOf(training);
        if ((blas == null) == (blasUnavailable == null)) {
            throw new IllegalArgumentException("a BLAS or the reason for none, not both or neither");
        }
        otherCpuCores = Collections.unmodifiableMap(new LinkedHashMap<>(otherCpuCores));
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** The phases during which other processes used more than {@link #CONTENDED_CORES} cores. */
    public List<String> contendedPhases() {
        return otherCpuCores.entrySet().stream().filter(e -> e.getValue() > CONTENDED_CORES).map(Map.Entry::getKey).toList();
    }

    /** One line: the cores other processes used in each phase. */
    public String contentionLine() {
        StringBuilder line = new StringBuilder("CPU used by other processes (cores):");
        otherCpuCores.forEach((phase, cores) -> line.append(' ').append(phase).append(' ')
                .append(Double.isNaN(cores) ? "n/a" : String.format(Locale.ROOT, "%.2f", cores)));
        return line.toString();
    }

    public TrainingRun trainingAt(int batchSize) {
        for (TrainingRun run : training) {
            if (run.batchSize() == batchSize) {
                return run;
            }
        }
        throw new IllegalArgumentException("no training run at batch size " + batchSize);
    }

    /** Training samples/s at batch 1024, the headline figure. */
    public double trainSamplesPerSecond() {
        return trainingAt(EngineBenchmark.BATCH_SIZES.getFirst()).samplesPerSecond();
    }

    /** The engine's achieved rate at batch 1024: samples/s × {@link #flopsPerSample} (GEMM work only). */
    public double trainGflops() {
        return trainGflops(trainingAt(EngineBenchmark.BATCH_SIZES.getFirst()));
    }

    /** The engine's achieved rate in one training run: samples/s × {@link #flopsPerSample}. */
    public double trainGflops(TrainingRun run) {
        return run.samplesPerSecond() * flopsPerSample / 1e9;
    }

    /** The engine's rate at batch 1024 as a fraction of kaml's own GEMM kernel on the gemmSize³ product. */
    public double gemmFraction() {
        return trainGflops() / gemm.kamlGflops();
    }

    /** The engine's rate at batch 1024 as a fraction of the BLAS on the gemmSize³ product, the machine's peak (NaN without a BLAS). */
    public double blasFraction() {
        return trainGflops() / gemm.blasGflops();
    }

    /** Whether an external BLAS was timed. */
    public boolean hasBlas() {
        return blas != null;
    }

    /**
     * The one line to read first: kaml's kernel as a share of the BLAS on both shapes, and the engine's
     * training rate as a share of the BLAS and of kaml's kernel; without a BLAS, why not.
     */
    public String headline() {
        TrainingRun run = trainingAt(EngineBenchmark.BATCH_SIZES.getFirst());
        if (!hasBlas()) {
            return String.format(Locale.ROOT, "training at batch %d at %.0f%% of kaml's own GEMM kernel, which is no peak "
                    + "(no BLAS: %s)", run.batchSize(), 100 * gemmFraction(), blasUnavailable);
        }
        return String.format(Locale.ROOT, "kaml's GEMM kernel / BLAS: %.0f%% on %s, %.0f%% on %s; training at batch %d: %.0f%% "
                        + "of the BLAS peak, %.0f%% of kaml's kernel (BLAS: %s)", 100 * gemm.kamlOverBlas(), gemm.shape(),
                100 * expertGemm.kamlOverBlas(), expertGemm.shape(), run.batchSize(), 100 * blasFraction(), 100 * gemmFraction(), blas);
    }

    /** The report's lines in display order; the targets apply to the reference model. */
    public List<Figure> figures() {
        List<Figure> figures = new ArrayList<>();
        for (TrainingRun run : training) {
            boolean headline = run.batchSize() == EngineBenchmark.BATCH_SIZES.getFirst();
            figures.add(new Figure("training, batch " + run.batchSize(), run.samplesPerSecond(), "samples/s",
                    headline ? TRAIN_TARGET : null, true));
        }
        gemmFigures(figures, gemm, ", " + config.threads() + " threads");
        gemmFigures(figures, expertGemm, " (model's largest)");
        for (TrainingRun run : training) {
            boolean headline = run.batchSize() == EngineBenchmark.BATCH_SIZES.getFirst();
            String suffix = headline ? "" : ", batch " + run.batchSize();
            double engine = trainGflops(run);
            figures.add(new Figure("engine, batch " + run.batchSize(), engine, "GFLOP/s", null, true));
            figures.add(new Figure("engine / GEMM" + suffix, 100 * engine / gemm.kamlGflops(), "%",
                    headline ? 100 * GEMM_FRACTION_TARGET : null, true));
            if (hasBlas()) {
                figures.add(new Figure("engine / BLAS" + suffix, 100 * engine / gemm.blasGflops(), "%", null, true));
            }
        }
        figures.add(new Figure("batch inference", inferSamplesPerSecond, "samples/s", INFER_TARGET, true));
        figures.add(new Figure("single request p50", latency.p50Us(), "µs", null, false));
        figures.add(new Figure("single request p99", latency.p99Us(), "µs", P99_TARGET_US, false));
        figures.add(new Figure("single request p99.9", latency.p999Us(), "µs", null, false));
        figures.add(new Figure("peak RSS (VmHWM)", peakRssMb, "MB", null, false));
        return figures;
    }

    private void gemmFigures(List<Figure> figures, GemmRates rates, String what) {
        figures.add(new Figure("GEMM " + rates.shape() + what, rates.kamlGflops(), "GFLOP/s", null, true));
        if (hasBlas()) {
            figures.add(new Figure("  BLAS on " + rates.shape(), rates.blasGflops(), "GFLOP/s", null, true));
            figures.add(new Figure("  kaml / BLAS on " + rates.shape(), 100 * rates.kamlOverBlas(), "%", null, true));
        }
    }

    /** The figures as a fixed-width table: figure, value, unit, target, status. */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        String format = "%-36s %12s %-10s %12s  %s%n";
        out.append(String.format(Locale.ROOT, format, "figure", "value", "unit", "target", "status"));
        for (Figure f : figures()) {
            String target = f.target() == null ? "-" : (f.atLeast() ? ">= " : "<= ") + number(f.target());
            out.append(String.format(Locale.ROOT, format, f.label(), number(f.value()), f.unit(), target, f.status()).stripTrailing())
                    .append('\n');
        }
        return out.toString();
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Math.abs(value) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.1f" : "%.2f", value);
    }

    /**
     * The figures as JSON. The keys: {@code train_samples_per_s} (batch 1024), {@code gemm_gflops},
     * {@code train_gflops}, {@code infer_samples_per_s}, {@code predict_p50_us}, {@code predict_p99_us},
     * {@code peak_rss_mb} (null where unknown); the BLAS peak's: {@code blas} (the library, or null),
     * {@code blas_unavailable} (why none, or null), {@code blas_gemm_gflops}, {@code gemm_blas_ratio} (kaml's
     * kernel over the BLAS), {@code train_blas_fraction} (null without a BLAS); and details beside them.
     */
    public ObjectNode toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode node = mapper.createObjectNode();
        node.put("train_samples_per_s", trainSamplesPerSecond());
        for (TrainingRun run : training) {
            node.put("train_samples_per_s_batch" + run.batchSize(), run.samplesPerSecond());
        }
        node.put("gemm_gflops", gemm.kamlGflops());
        node.put("gemm_shape", gemm.shape());
        node.put("expert_gemm_gflops", expertGemm.kamlGflops());
        node.put("expert_gemm_shape", expertGemm.shape());
        node.put("train_gflops", trainGflops());
        node.put("train_gemm_fraction", gemmFraction());
        node.put("blas", blas);
        node.put("blas_unavailable", blasUnavailable);
        putOrNull(node, "blas_gemm_gflops", gemm.blasGflops());
        putOrNull(node, "blas_expert_gemm_gflops", expertGemm.blasGflops());
        putOrNull(node, "gemm_blas_ratio", gemm.kamlOverBlas());
        putOrNull(node, "expert_gemm_blas_ratio", expertGemm.kamlOverBlas());
        putOrNull(node, "train_blas_fraction", blasFraction());
        node.put("flops_per_sample", flopsPerSample);
        node.put("infer_samples_per_s", inferSamplesPerSecond);
        node.put("predict_p50_us", latency.p50Us());
        node.put("predict_p99_us", latency.p99Us());
        node.put("predict_p999_us", latency.p999Us());
        node.put("predict_max_us", latency.maxUs());
        putOrNull(node, "peak_rss_mb", peakRssMb);
        ObjectNode targets = node.putObject("targets");
        targets.put("train_samples_per_s", TRAIN_TARGET).put("train_gemm_fraction", GEMM_FRACTION_TARGET)
                .put("infer_samples_per_s", INFER_TARGET).put("predict_p99_us", P99_TARGET_US);
        node.put("reference_model", config.referenceModel());
        var runs = node.putArray("training");
        for (TrainingRun run : training) {
            ObjectNode entry = runs.addObject().put("batch_size", run.batchSize()).put("steps", run.steps())
                    .put("timed_steps", run.timedSteps()).put("timed_rows", run.timedRows()).put("seconds", run.seconds())
                    .put("samples_per_s", run.samplesPerSecond()).put("median_step_ms", run.medianStepMs())
                    .put("gflops", trainGflops(run)).put("gemm_fraction", trainGflops(run) / gemm.kamlGflops());
            putOrNull(entry, "blas_fraction", trainGflops(run) / gemm.blasGflops());
        }
        node.putObject("config").put("rows", config.rows()).put("valid_rows", config.validRows()).put("fields", config.fields())
                .put("buckets", config.buckets()).put("actions", config.actions()).put("threads", config.threads())
                .put("seed", config.seed()).put("requests", config.requests()).put("warm_up_requests", config.warmUpRequests())
                .put("gemm_size", config.gemmSize()).put("gemm_runs", config.gemmRuns())
                .put("inference_passes", config.inferencePasses()).put("warm_up_fraction", config.warmUpFraction());
        ObjectNode others = node.putObject("other_cpu_cores");
        otherCpuCores.forEach((phase, cores) -> putOrNull(others, phase, cores));
        ObjectNode env = node.putObject("environment");
        environment.forEach(env::put);
        return node;
    }

    /** JSON has no NaN: an unknown or unmeasured figure is null. */
    private static void putOrNull(ObjectNode node, String key, double value) {
        if (Double.isNaN(value)) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }
}
