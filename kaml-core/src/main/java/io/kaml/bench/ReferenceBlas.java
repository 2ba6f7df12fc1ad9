package io.kaml.bench;

import io.kaml.nn.GemmWorkload;

/**
 * A maintained BLAS library's single-precision GEMM, which {@link EngineBenchmark} times beside kaml's
 * own kernel on the same shapes as the machine's attainable fp32 rate: a fraction of kaml's own kernel
 * alone hides a slow kernel. kaml-core knows only this interface; the command line supplies the library,
 * so that neither it nor its native code reaches the library's users or the server.
 */
public interface ReferenceBlas {
    /** The library, its version and the kernels it chose for this machine, for the report. */
    String description();

    /**
     * C[m, n] = A[m, k]·B[k, n], row-major, on operands filled from {@code seed}: one library call per
     * product, on {@code threads} of the library's own threads.
     */
    GemmWorkload forward(int m, int k, int n, int threads, long seed);
}
