package io.kaml.bench;

import io.kaml.data.Batch;
import io.kaml.data.FeatureEncoder;
import io.kaml.loss.LabelMask;
import io.kaml.loss.MaskedObjective;
import io.kaml.model.ModelConfig;
import io.kaml.model.MultiTaskModel;
import io.kaml.model.Scorer;
import io.kaml.nn.Gemm;
import io.kaml.nn.GemmBenchmark;
import io.kaml.nn.GemmWorkload;
import io.kaml.nn.Parameter;
import io.kaml.nn.SigmoidCrossEntropy;
import io.kaml.train.LearningRateSchedule;
import io.kaml.train.OptimizerConfig;
import io.kaml.train.TrainConfig;
import io.kaml.train.Trainer;
import io.kaml.train.TrainingListener;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import jdk.incubator.vector.FloatVector;

/**
 * Measures the engine on the reference model ({@link ModelConfig#reference()}) over {@link SyntheticData}:
 * <ol>
 *   <li>the machine's fp32 GEMM rate: {@link GemmBenchmark}'s forward product on a
 *       {@code gemmSize}³ shape with the training thread count, and on the model's largest product; each
 *       taking turns with the {@link ReferenceBlas}'s product on the same shape and threads when there is
 *       one, since kaml's kernel is no peak by itself;</li>
 *   <li>training: for each of {@link #BATCH_SIZES}, a fresh model trained one epoch through the real
 *       {@link Trainer} (masked BCE with the target mask, {@link OptimizerConfig#defaults()}: Adam and
 *       lazy Adam); a {@link TrainingListener} stamps the end of every step, the first
 *       {@code warmUpFraction} of the steps are left out, and samples/s = rows of the other steps / their
 *       wall time. The epoch-end validation is outside that window;</li>
 *   <li>the engine's rate: samples/s × {@link #flopsPerSample}, and its fraction of kaml's GEMM rate
 *       and of the BLAS's;</li>
 *   <li>batch inference: {@link Scorer} over the training rows, after one untimed pass;</li>
 *   <li>single-request latency: one thread, a {@link MultiTaskModel.Pass} of capacity 1, forward on the
 *       serving path plus sigmoid, {@link System#nanoTime()} around each request, after untimed ones;</li>
 *   <li>peak RSS: VmHWM of /proc/self/status at the end.</li>
 * </ol>
 * A full collection runs between phases so that one phase's garbage is not collected in the next one's timing.
 */
public final class EngineBenchmark {
    /** Training batch sizes, the headline (1024) first. */
    public static final List<Integer> BATCH_SIZES = List.of(1024, 4096);
    /** Work per timed GEMM run (or one gemmSize³ product when that is less), so each run lasts long enough to time. */
    private static final double GEMM_FLOPS_PER_RUN = 1e10;

    private EngineBenchmark() {
    }

    /**
     * FLOPs of one sample's forward and backward pass, counting only the dense layers' products:
     * 3 × Σ 2·in·out over every dense weight matrix [in, out] — forward y = x·W, weight gradient xᵀ·dy
     * and input gradient dy·Wᵀ each cost 2·in·out per row, and every layer (the first ones too, since
     * the embeddings need their gradient) runs all three. Biases, activations, softmax, the expert
     * mixture, the embedding gather and the optimiser are left out. Counts every dense weight, so it
     * assumes every row runs every layer, which holds for MMoE with plain towers.
     * For the reference model: experts 4 × (320·128 + 128·64), gates 5 × 320·4, towers
     * 5 × (64·32 + 32·1) = 213,408 multiply-adds, so 426,816 FLOPs forward and 1,280,448 in all.
     */
    public static long flopsPerSample(MultiTaskModel model) {
        long multiplyAdds = 0;
        for (Parameter p : model.parameters().parameters()) {
            if (!p.sparse() && p.name().endsWith(".weight")) {
                multiplyAdds += (long) p.rows() * p.cols();
            }
        }
        return 3 * 2 * multiplyAdds;
    }

    /**
     * Runs every phase; {@code log} receives a line as each one starts, with the heap in use (just
     * after a full collection for most phases, so about the live data) and the peak RSS so far.
     */
    public static BenchmarkResult run(BenchmarkConfig config, BlasPeak blas, Consumer<String> log) throws InterruptedException {
        Consumer<String> progress = line -> log.accept(String.format(Locale.ROOT, "%-48s (heap used %4d MB, peak RSS so far %4.0f MB)",
                line, (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20, peakRssMb()));
        ModelConfig modelConfig = ModelConfig.reference();
        FeatureEncoder encoder = SyntheticData.encoder(config.fields(), config.buckets(), config.actions());
        progress.accept(String.format(Locale.ROOT, "generating %,d + %,d rows (%d fields x %,d buckets, %d actions)",
                config.rows(), config.validRows(), config.fields(), config.buckets(), config.actions()));
        Batch train = SyntheticData.generate(config.rows(), config.fields(), config.buckets(), config.actions(), config.seed());
        Batch valid = SyntheticData.generate(config.validRows(), config.fields(), config.buckets(), config.actions(),
                config.seed() + 1);

        int g = config.gemmSize();
        String contenders = blas.blas() == null ? "kaml" : "kaml and BLAS taking turns";
        Map<String, Double> others = new LinkedHashMap<>();
        progress.accept("GEMM " + shape(g, g, g) + " on " + config.threads() + " threads, " + contenders);
        CpuMeter.Snapshot before = CpuMeter.now();
        BenchmarkResult.GemmRates gemm = gemm(g, g, g, config, blas);
        others.put("gemm", CpuMeter.otherCores(before, CpuMeter.now()));
        int inputWidth = config.fields() * modelConfig.embeddingDim();
        int expertWidth = modelConfig.expertHidden().getFirst();
        int expertRows = BATCH_SIZES.getFirst();
        progress.accept("GEMM " + shape(expertRows, inputWidth, expertWidth) + ", " + contenders);
        before = CpuMeter.now();
        BenchmarkResult.GemmRates expertGemm = gemm(expertRows, inputWidth, expertWidth, config, blas);
        others.put("expert_gemm", CpuMeter.otherCores(before, CpuMeter.now()));

        MultiTaskModel model = null;
        long flops = 0;
        List<BenchmarkResult.TrainingRun> runs = new ArrayList<>();
        for (int batchSize : BATCH_SIZES) {
            model = null; // the previous model, its optimiser state and best-weights copy can go before the next
            System.gc();
            model = MultiTaskModel.create(modelConfig, encoder, config.seed());
            flops = flopsPerSample(model);
            progress.accept(String.format(Locale.ROOT, "training one epoch at batch %d", batchSize));
            StepClock clock = train(model, train, valid, batchSize, config);
            runs.add(clock.run(batchSize));
            others.put("train_batch" + batchSize, clock.otherCores());
        }

        System.gc();
        progress.accept("batch inference");
        before = CpuMeter.now();
        double infer = inference(model, train, config);
        others.put("inference", CpuMeter.otherCores(before, CpuMeter.now()));
        System.gc();
        progress.accept(String.format(Locale.ROOT, "%,d single requests", config.requests()));
        before = CpuMeter.now();
        BenchmarkResult.Latency latency = latency(model, train, config);
        others.put("requests", CpuMeter.otherCores(before, CpuMeter.now()));
        String blasName = blas.blas() == null ? null : blas.blas().description();
        return new BenchmarkResult(config, flops, runs, gemm, expertGemm, blasName, blas.unavailable(), infer, latency,
                peakRssMb(), others, environment());
    }

    /** kaml's forward product on m × k × n, and the BLAS's taking turns with it when there is one. */
    private static BenchmarkResult.GemmRates gemm(int m, int k, int n, BenchmarkConfig config, BlasPeak blas)
            throws InterruptedException {
        double g = config.gemmSize();
        double budget = Math.min(GEMM_FLOPS_PER_RUN, 2 * g * g * g);
        int repetitions = (int) Math.max(1, Math.round(budget / (2.0 * m * k * n)));
        int threads = Math.min(config.threads(), m);
        try (GemmWorkload own = GemmBenchmark.workload(GemmBenchmark.Product.FORWARD, m, k, n, threads)) {
            if (blas.blas() == null) {
                double rate = GemmBenchmark.interleaved(List.of(own), repetitions, config.gemmRuns())[0];
                return new BenchmarkResult.GemmRates(shape(m, k, n), rate, Double.NaN);
            }
            try (GemmWorkload reference = blas.blas().forward(m, k, n, threads, config.seed())) {
                double[] rates = GemmBenchmark.interleaved(List.of(own, reference), repetitions, config.gemmRuns());
                return new BenchmarkResult.GemmRates(shape(m, k, n), rates[0], rates[1]);
            }
        }
    }

    private static String shape(int m, int k, int n) {
        return m + "x" + k + "x" + n;
    }

    private static StepClock train(MultiTaskModel model, Batch train, Batch valid, int batchSize, BenchmarkConfig config) {
        StepClock clock = new StepClock(config.warmUpFraction());
        float[] weights = new float[config.actions()];
        Arrays.fill(weights, 1f);
        TrainConfig trainConfig = new TrainConfig(1, batchSize, config.threads(), config.seed(), 0, 0, 0);
        new Trainer(trainConfig, OptimizerConfig.defaults(), LearningRateSchedule.constant(), List.of(clock))
                .fit(model, train, valid, new MaskedObjective(LabelMask.target(), weights), null);
        return clock;
    }


    private static double inference(MultiTaskModel model, Batch data, BenchmarkConfig config) {
        try (Scorer scorer = new Scorer(model, config.threads())) {
            scorer.score(Math.min(data.size(), 100_000), data.categorical(), data.numerical());
            double[] rates = new double[config.inferencePasses()];
            for (int p = 0; p < rates.length; p++) {
                long start = System.nanoTime();
                scorer.score(data);
                rates[p] = data.size() / ((System.nanoTime() - start) / 1e9);
            }
            return median(rates);
        }
    }

    private static BenchmarkResult.Latency latency(MultiTaskModel model, Batch data, BenchmarkConfig config) {
        MultiTaskModel.Pass pass = model.newPass(1);
        int fields = data.categoricalFields();
        int numericalFields = data.numericalFields();
        int actions = model.actions();
        int[] ids = new int[fields];
        float[] numerical = new float[numericalFields];
        float[] probabilities = new float[actions];
        long[] nanos = new long[config.requests()];
        double checksum = 0;
        int total = config.warmUpRequests() + config.requests();
        for (int q = 0; q < total; q++) {
            int row = q % data.size();
            System.arraycopy(data.categorical(), row * fields, ids, 0, fields);
            System.arraycopy(data.numerical(), row * numericalFields, numerical, 0, numericalFields);
            long start = System.nanoTime();
            float[] logits = pass.forward(ids, numerical, null, 1);
            for (int a = 0; a < actions; a++) {
                probabilities[a] = SigmoidCrossEntropy.sigmoid(logits[a]);
            }
            long elapsed = System.nanoTime() - start;
            checksum += probabilities[0];
            if (q >= config.warmUpRequests()) {
                nanos[q - config.warmUpRequests()] = elapsed;
            }
        }
        if (!Double.isFinite(checksum)) {
            throw new IllegalStateException("single-request probabilities are not finite");
        }
        Arrays.sort(nanos);
        return new BenchmarkResult.Latency(nanos.length, percentile(nanos, 0.50) / 1e3, percentile(nanos, 0.99) / 1e3,
                percentile(nanos, 0.999) / 1e3, nanos[nanos.length - 1] / 1e3);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Peak resident set size (VmHWM) in MiB, or NaN where /proc/self/status is unavailable. */
    public static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Java, VM, CPU and GC facts for the report. */
    public static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("java", Runtime.version().toString());
        env.put("vm", System.getProperty("java.vm.name") + " (" + System.getProperty("java.vm.vendor") + ")");
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        env.put("cpu", cpuModel());
        env.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("max_heap_mb", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
        env.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", ")));
        env.put("vector_species", FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit ("
                + FloatVector.SPECIES_PREFERRED.length() + " floats)");
        env.put("gemm_tile", Gemm.tileDescription());
        env.put("jvm_args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        return env;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
        return System.getProperty("os.arch");
    }
}
