package io.kaml.bench;

/**
 * What {@link EngineBenchmark} runs. The model is always {@link io.kaml.model.ModelConfig#reference()}
 * over {@code fields} categorical fields of {@code buckets} buckets and {@code actions} towers; the
 * targets of {@link BenchmarkResult} are stated for the {@link #reference} sizes only.
 *
 * @param rows            training rows; each batch size trains one epoch over them, and batch inference scores them
 * @param validRows       validation rows, scored once at the end of each training epoch (outside the timing)
 * @param fields          categorical fields
 * @param buckets         buckets (embedding rows) per field
 * @param actions         conversion actions (towers)
 * @param threads         training and batch-inference threads, and the GEMM measurement's threads
 * @param seed            data, initialisation and shuffling
 * @param requests        timed single-row requests
 * @param warmUpRequests  untimed single-row requests before them
 * @param gemmSize        the machine's GEMM rate is measured on a gemmSize³ product
 * @param gemmRuns        timed GEMM runs; the median is reported
 * @param inferencePasses timed batch-inference passes over the training rows; the median is reported
 * @param warmUpFraction  leading fraction of each training epoch's steps left out of the timing
 */
public record BenchmarkConfig(int rows, int validRows, int fields, int buckets, int actions, int threads, long seed,
                              int requests, int warmUpRequests, int gemmSize, int gemmRuns, int inferencePasses,
                              double warmUpFraction) {
    public static final int REFERENCE_FIELDS = 20;
    public static final int REFERENCE_BUCKETS = 100_000;
    public static final int REFERENCE_ACTIONS = 5;

    public BenchmarkConfig {
        atLeast("rows", rows, 1);
        atLeast("valid rows", validRows, 1);
        atLeast("fields", fields, 1);
        atLeast("buckets", buckets, 1);
        atLeast("actions", actions, 1);
        atLeast("threads", threads, 1);
        atLeast("requests", requests, 1);
        atLeast("warm-up requests", warmUpRequests, 0);
        atLeast("gemm size", gemmSize, Math.max(1, threads));
        atLeast("gemm runs", gemmRuns, 1);
        atLeast("inference passes", inferencePasses, 1);
        if (!(warmUpFraction >= 0 && warmUpFraction < 1)) {
            throw new IllegalArgumentException("warm-up fraction must be in [0, 1), got " + warmUpFraction);
        }
        if ((long) rows * fields > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(rows + " rows x " + fields + " fields do not fit one array");
        }
    }

    private static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }

    /**
     * The benchmark: 500,000 rows of 20 fields × 100,000 buckets, 5 actions, 100,000 timed
     * requests, a 2048³ GEMM, the first 20% of each epoch as warm-up.
     */
    public static BenchmarkConfig reference(int threads, long seed) {
        return new BenchmarkConfig(500_000, 10_000, REFERENCE_FIELDS, REFERENCE_BUCKETS, REFERENCE_ACTIONS, threads, seed,
                100_000, 20_000, 2048, 5, 3, 0.2);
    }

    /** A shorter run of the same model: 100,000 rows, 20,000 requests, 3 GEMM runs. Noisier. */
    public static BenchmarkConfig quick(int threads, long seed) {
        return reference(threads, seed).withRows(100_000).withRequests(20_000).withGemm(2048, 3);
    }

    /** Also caps the validation rows at {@code newRows}. */
    public BenchmarkConfig withRows(int newRows) {
        return new BenchmarkConfig(newRows, Math.min(validRows, newRows), fields, buckets, actions, threads, seed, requests, warmUpRequests,
                gemmSize, gemmRuns, inferencePasses, warmUpFraction);
    }

    public BenchmarkConfig withBuckets(int newBuckets) {
        return new BenchmarkConfig(rows, validRows, fields, newBuckets, actions, threads, seed, requests, warmUpRequests,
                gemmSize, gemmRuns, inferencePasses, warmUpFraction);
    }

    public BenchmarkConfig withRequests(int newRequests) {
        return new BenchmarkConfig(rows, validRows, fields, buckets, actions, threads, seed, newRequests, warmUpRequests,
                gemmSize, gemmRuns, inferencePasses, warmUpFraction);
    }

    public BenchmarkConfig withGemm(int size, int runs) {
        return new BenchmarkConfig(rows, validRows, fields, buckets, actions, threads, seed, requests, warmUpRequests,
                size, runs, inferencePasses, warmUpFraction);
    }

    /** Whether the model is the reference one (20 × 100,000 buckets, 5 actions), the one the targets are for. */
    public boolean referenceModel() {
        return fields == REFERENCE_FIELDS && buckets == REFERENCE_BUCKETS && actions == REFERENCE_ACTIONS;
    }
}
