package io.kaml.nn;

import java.util.Arrays;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision matrix products on the Vector API, all matrices flat and row-major.
 *
 * <p>HotSpot does not vectorise a plain triple loop (about 7 GFLOP/s here), so every product runs a
 * register-blocked micro-kernel: four rows of C times four vectors of columns, sixteen accumulators
 * kept in registers while one row of B and four scalars of A are streamed per step. Around it the
 * depth and the columns are blocked so that the slab of B being reused stays in the L2 cache.
 * Columns that do not fill a vector use masked lanes, rows that do not fill a block of four use
 * one-row kernels. Results narrower than a vector go through {@link NarrowProduct} or are computed
 * transposed, so that lanes are not wasted on them.
 *
 * <p>Its only state is one scratch array per thread, so it is safe to call from several threads on
 * distinct outputs.
 */
public final class Gemm {
    private static final VectorSpecies<Float> SPECIES = GemmTiles.SPECIES;
    private static final int LANES = GemmTiles.LANES;
    private static final int TILE_COLUMNS = 4 * LANES;
    /** Rows of B per pass: 256 rows of a 4-vector tile are 64 KB at 16 lanes, an L2 working set. */
    private static final int DEPTH_BLOCK = 256;
    /** Columns of B per pass; a multiple of every possible tile width. */
    private static final int COLUMN_BLOCK = 256;
    private static final int TRANSPOSE_BLOCK = 32;
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[][] {new float[0]});

    private Gemm() {
    }

    /**
     * C = A·B, or C += A·B when {@code accumulate}.
     *
     * @param a [m, k]
     * @param b [k, n]
     * @param c [m, n]
     */
    public static void multiply(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        requireLength(a, m, k, "a");
        requireLength(b, k, n, "b");
        requireLength(c, m, n, "c");
        if (n < LANES) {
            float[] bt = scratch(k * n);
            transpose(b, k, n, bt);
            NarrowProduct.multiply(a, bt, c, m, k, n, accumulate);
        } else {
            product(a, k, 1, b, c, m, k, n, accumulate);
        }
    }

    /**
     * C += Aᵀ·B, the weight gradient Xᵀ·dY. Always accumulates, so gradients of several batches
     * or several consumers add up.
     *
     * @param a [m, k]
     * @param b [m, n]
     * @param c [k, n]
     */
    public static void multiplyTransposedA(float[] a, float[] b, float[] c, int m, int k, int n) {
        requireLength(a, m, k, "a");
        requireLength(b, m, n, "b");
        requireLength(c, k, n, "c");
        if (n < LANES) {
            // Cᵀ = Bᵀ·A has the wide A as its column operand, so it fills every lane.
            float[] ct = scratch(n * k);
            product(b, 1, n, a, ct, n, m, k, false);
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += ct[j * k + i];
                }
            }
        } else {
            product(a, 1, k, b, c, k, m, n, true);
        }
    }

    /**
     * C = A·Bᵀ, or C += A·Bᵀ when {@code accumulate}: the input gradient dY·Wᵀ. B is first
     * transposed so that the column-vectorised kernel applies; B is a weight matrix, so the copy
     * costs k·n against m·k·n multiply-adds.
     *
     * @param a [m, n]
     * @param b [k, n]
     * @param c [m, k]
     */
    public static void multiplyTransposedB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        requireLength(a, m, n, "a");
        requireLength(b, k, n, "b");
        requireLength(c, m, k, "c");
        if (k < LANES) {
            NarrowProduct.multiply(a, b, c, m, n, k, accumulate);
        } else {
            float[] bt = scratch(k * n);
            transpose(b, k, n, bt);
            product(a, n, 1, bt, c, m, n, k, accumulate);
        }
    }

    /**
     * This thread's scratch array of at least {@code size} floats. Transposed copies live here rather
     * than in caller-supplied buffers so that layers need no extra workspace; each thread keeps one
     * array, as large as the largest matrix it has transposed.
     */
    private static float[] scratch(int size) {
        float[][] holder = SCRATCH.get();
        if (holder[0].length < size) {
            holder[0] = new float[size];
        }
        return holder[0];
    }

    /** dst[n, k] = src[k, n]ᵀ, in square blocks so that large matrices do not miss the TLB on every write. */
    private static void transpose(float[] src, int k, int n, float[] dst) {
        for (int p0 = 0; p0 < k; p0 += TRANSPOSE_BLOCK) {
            int p1 = Math.min(k, p0 + TRANSPOSE_BLOCK);
            for (int j0 = 0; j0 < n; j0 += TRANSPOSE_BLOCK) {
                int j1 = Math.min(n, j0 + TRANSPOSE_BLOCK);
                for (int p = p0; p < p1; p++) {
                    for (int j = j0; j < j1; j++) {
                        dst[j * k + p] = src[p * n + j];
                    }
                }
            }
        }
    }

    /**
     * C[rows, cols] (+)= A'·B with A'[i][p] = a[i·rowStride + p·depthStride] and B [depth, cols];
     * the strides let one kernel serve both A and Aᵀ.
     */
    private static void product(float[] a, int rowStride, int depthStride, float[] b, float[] c,
                                int rows, int depth, int cols, boolean accumulate) {
        if (depth == 0) {
            if (!accumulate) {
                Arrays.fill(c, 0, rows * cols, 0f);
            }
            return;
        }
        for (int p0 = 0; p0 < depth; p0 += DEPTH_BLOCK) {
            int p1 = Math.min(depth, p0 + DEPTH_BLOCK);
            boolean load = accumulate || p0 > 0;
            for (int j0 = 0; j0 < cols; j0 += COLUMN_BLOCK) {
                int j1 = Math.min(cols, j0 + COLUMN_BLOCK);
                int i = 0;
                for (; i + 4 <= rows; i += 4) {
                    int j = j0;
                    for (; j + TILE_COLUMNS <= j1; j += TILE_COLUMNS) {
                        GemmTiles.tile4x4(a, rowStride, depthStride, b, c, cols, i, j, p0, p1, load);
                    }
                    for (; j < j1; j += LANES) {
                        GemmTiles.tile4x1(a, rowStride, depthStride, b, c, cols, i, j, p0, p1, load,
                                SPECIES.indexInRange(j, j1));
                    }
                }
                for (; i < rows; i++) {
                    int j = j0;
                    for (; j + TILE_COLUMNS <= j1; j += TILE_COLUMNS) {
                        GemmTiles.tile1x4(a, rowStride, depthStride, b, c, cols, i, j, p0, p1, load);
                    }
                    for (; j < j1; j += LANES) {
                        GemmTiles.tile1x1(a, rowStride, depthStride, b, c, cols, i, j, p0, p1, load,
                                SPECIES.indexInRange(j, j1));
                    }
                }
            }
        }
    }

    private static void requireLength(float[] array, int rows, int cols, String name) {
        if (rows < 0 || cols < 0 || array.length < (long) rows * cols) {
            throw new IllegalArgumentException(name + " needs " + rows + " x " + cols + " floats, has " + array.length);
        }
    }
}
