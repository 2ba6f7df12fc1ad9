package io.kaml.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Throughput of the {@link Gemm} kernels in GFLOP/s (2·m·k·n per product), alone or taking turns with
 * other {@link GemmWorkload}s such as an external BLAS. Each thread owns its buffers and multiplies its
 * own slice of the m rows, the way data-parallel training splits a batch.
 * Run: {@code java --add-modules=jdk.incubator.vector -cp kaml-core/target/classes io.kaml.nn.GemmBenchmark}.
 */
public final class GemmBenchmark {
    /** Which of the three products to time; shapes follow {@link Gemm}'s m, k, n. */
    public enum Product { FORWARD, WEIGHT_GRADIENT, INPUT_GRADIENT }

    private static final int WARM_UP_RUNS = 2;
    private static final double FLOPS_PER_RUN = 1.5e10;

    private GemmBenchmark() {
    }

    /**
     * The median over {@code runs} timed runs (after two untimed ones) of the GFLOP/s reached when
     * {@code threads} threads each compute {@code repetitions} products of an (m / threads) × k × n shape.
     */
    public static double gigaflops(Product product, int m, int k, int n, int threads, int repetitions, int runs)
            throws InterruptedException {
        try (GemmWorkload own = workload(product, m, k, n, threads)) {
            return interleaved(List.of(own), repetitions, runs)[0];
        }
    }

    /**
     * kaml's {@code product} on an m × k × n shape split the way data-parallel training splits a batch:
     * each of {@code threads} threads owns its buffers and multiplies its own slice of the m rows.
     */
    public static GemmWorkload workload(Product product, int m, int k, int n, int threads) {
        if (threads < 1 || m < threads) {
            throw new IllegalArgumentException("need threads >= 1 and m >= threads, got " + threads + " threads for m = " + m);
        }
        List<IntConsumer> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int rows = m / threads + (t < m % threads ? 1 : 0);
            workers.add(worker(product, rows, k, n, 17L + t));
        }
        return new OwnWorkload(2.0 * m * k * n, workers);
    }

    /**
     * The median GFLOP/s of each workload over {@code runs} timed runs of {@code repetitions} products,
     * after two untimed ones. The workloads take turns within every round, so that a change in the
     * machine's load or clock during the measurement touches them alike, and the order alternates from
     * round to round, so that none always runs right after another one's threads were busy.
     *
     * @return one rate per workload, in their order
     */
    public static double[] interleaved(List<GemmWorkload> workloads, int repetitions, int runs) throws InterruptedException {
        if (runs < 1 || repetitions < 1) {
            throw new IllegalArgumentException("need runs >= 1 and repetitions >= 1");
        }
        int count = workloads.size();
        double[][] rates = new double[count][runs];
        for (int run = -WARM_UP_RUNS; run < runs; run++) {
            for (int turn = 0; turn < count; turn++) {
                int w = Math.floorMod(run, 2) == 0 ? turn : count - 1 - turn;
                GemmWorkload workload = workloads.get(w);
                long start = System.nanoTime();
                workload.run(repetitions);
                long elapsed = System.nanoTime() - start;
                if (run >= 0) {
                    rates[w][run] = workload.flops() * repetitions / elapsed;
                }
            }
        }
        double[] medians = new double[count];
        for (int w = 0; w < count; w++) {
            Arrays.sort(rates[w]);
            medians[w] = runs % 2 == 1 ? rates[w][runs / 2] : (rates[w][runs / 2 - 1] + rates[w][runs / 2]) / 2;
        }
        return medians;
    }

    /** kaml's kernels on a pool of one thread per worker; each worker computes its slice's products. */
    private static final class OwnWorkload implements GemmWorkload {
        private final double flops;
        private final List<IntConsumer> workers;
        private final ExecutorService pool;

        OwnWorkload(double flops, List<IntConsumer> workers) {
            this.flops = flops;
            this.workers = workers;
            this.pool = Executors.newFixedThreadPool(workers.size());
        }

        @Override
        public double flops() {
            return flops;
        }

        @Override
        public void run(int repetitions) throws InterruptedException {
            List<Future<?>> done = new ArrayList<>();
            for (IntConsumer worker : workers) {
                done.add(pool.submit(() -> worker.accept(repetitions)));
            }
            try {
                for (Future<?> future : done) {
                    future.get();
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    private static IntConsumer worker(Product product, int m, int k, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return switch (product) {
            case FORWARD -> {
                float[] a = filled(m * k, random);
                float[] b = filled(k * n, random);
                float[] c = new float[m * n];
                yield repetitions -> {
                    for (int r = 0; r < repetitions; r++) {
                        Gemm.multiply(a, b, c, m, k, n, false);
                    }
                };
            }
            case WEIGHT_GRADIENT -> {
                float[] a = filled(m * k, random);
                float[] b = filled(m * n, random);
                float[] c = new float[k * n];
                yield repetitions -> {
                    for (int r = 0; r < repetitions; r++) {
                        Gemm.multiplyTransposedA(a, b, c, m, k, n);
                    }
                };
            }
            case INPUT_GRADIENT -> {
                float[] a = filled(m * n, random);
                float[] b = filled(k * n, random);
                float[] c = new float[m * k];
                yield repetitions -> {
                    for (int r = 0; r < repetitions; r++) {
                        Gemm.multiplyTransposedB(a, b, c, m, k, n, false);
                    }
                };
            }
        };
    }

    private static float[] filled(int size, SplittableRandom random) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }

    /** Prints GFLOP/s for a 2048³ product, the model's expert shapes and a width that is not a multiple of a tile's, on 1 and 2 threads. */
    public static void main(String[] args) throws InterruptedException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int[][] shapes = {{2048, 2048, 2048}, {1024, 320, 128}, {1024, 128, 64}, {1024, 64, 32}, {1024, 320, 24}, {1024, 320, 4}};
        System.out.printf("%-16s %-18s %8s %8s%n", "product", "m x k x n", "1 thread", "2 threads");
        for (int[] shape : shapes) {
            for (Product product : Product.values()) {
                double flops = 2.0 * shape[0] * shape[1] * shape[2];
                int repetitions = (int) Math.max(1, FLOPS_PER_RUN / flops);
                double one = gigaflops(product, shape[0], shape[1], shape[2], 1, repetitions, runs);
                double two = gigaflops(product, shape[0], shape[1], shape[2], 2, repetitions, runs);
                System.out.printf("%-16s %-18s %8.1f %8.1f%n", product,
                        shape[0] + "x" + shape[1] + "x" + shape[2], one, two);
            }
        }
    }
}
