package io.kaml.nn;

/**
 * One matrix product set up to be computed again and again for timing: its operands are allocated
 * and filled once, so a timed run measures the product and nothing else. kaml's own kernels give one
 * ({@link GemmBenchmark#workload}), and so does an external BLAS that the benchmark times beside them.
 */
public interface GemmWorkload extends AutoCloseable {
    /** Floating-point operations of one product: 2·m·k·n. */
    double flops();

    /** Computes the product {@code repetitions} times on the threads it was set up with, and returns when all are done. */
    void run(int repetitions) throws InterruptedException;

    /** Releases its threads and buffers. */
    @Override
    void close();
}
