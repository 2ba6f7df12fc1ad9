package io.kaml.nn;

import java.util.Arrays;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision matrix products on the Vector API, all matrices flat and row-major.
 *
 * <p>HotSpot does not vectorise a plain triple loop (about 7 GFLOP/s here), so every product runs a
 * register-blocked micro-kernel: a {@link GemmTile} of rows of C times vectors of columns, its
 * accumulators kept in registers while one row of B and one scalar of A per row are streamed per step —
 * four rows by four vectors where the machine has 32 vector registers, six by two where it has 16.
 * Around it the depth and the columns are blocked so that the slab of B being reused stays in the L2
 * cache. Columns that do not fill a vector use masked lanes, rows that do not fill a tile use one-row
 * kernels. Results narrower than a vector go through {@link NarrowProduct} or are computed
 * transposed, so that lanes are not wasted on them.
 *
 * <p>Its only state is one scratch array per thread, so it is safe to call from several threads on
 * distinct outputs.
 */
public final class Gemm {
    private static final VectorSpecies<Float> SPECIES = GemmTiles.SPECIES;
    private static final int LANES = GemmTiles.LANES;
    /** Chosen once, so that C2 folds the choice in {@link #product} away. */
    private static final GemmTile TILE = tile(System.getProperty(GemmTile.PROPERTY));
    /** Rows of B per pass: 256 rows of a 4-vector tile are 64 KB at 16 lanes (a 2-vector tile at 8 lanes: 16 KB), an L2 working set. */
    private static final int DEPTH_BLOCK = 256;
    /** Columns of B per pass; a multiple of every possible tile width. */
    private static final int COLUMN_BLOCK = 256;
    private static final int TRANSPOSE_BLOCK = 32;
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[][] {new float[0]});

    private Gemm() {
    }

    private static GemmTile tile(String forced) {
        return forced == null ? GemmTile.forMachine(LANES, System.getProperty("os.arch")) : GemmTile.parse(forced);
    }

    /** The micro-kernel's shape on this JVM: the machine's, or the one {@value GemmTile#PROPERTY} forces. */
    public static GemmTile tile() {
        return TILE;
    }

    /** The tile in use and why, for reports, e.g. "4x4 vectors of 16 floats, 21 of 32 vector registers". */
    public static String tileDescription() {
        String why = System.getProperty(GemmTile.PROPERTY) != null ? ", forced by -D" + GemmTile.PROPERTY
                : ", " + TILE.registers() + " of " + GemmTile.vectorRegisters(LANES, System.getProperty("os.arch")) + " vector registers";
        return TILE.label() + " vectors of " + LANES + " floats" + why;
    }

    /**
     * C = A·B, or C += A·B when {@code accumulate}.
     *
     * @param a [m, k]
     * @param b [k, n]
     * @param c [m, n]
     */
    public static void multiply(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        multiply(TILE, a, b, c, m, k, n, accumulate);
    }

    /** {@link #multiply(float[], float[], float[], int, int, int, boolean)} with the given tile, to test either on one machine. */
    static void multiply(GemmTile tile, float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        requireLength(a, m, k, "a");
        requireLength(b, k, n, "b");
        requireLength(c, m, n, "c");
        if (n < LANES) {
            float[] bt = scratch(k * n);
            transpose(b, k, n, bt);
            NarrowProduct.multiply(a, bt, c, m, k, n, accumulate);
        } else {
            product(tile, a, k, 1, b, c, m, k, n, accumulate);
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
        multiplyTransposedA(TILE, a, b, c, m, k, n);
    }

    /** {@link #multiplyTransposedA(float[], float[], float[], int, int, int)} with the given tile. */
    static void multiplyTransposedA(GemmTile tile, float[] a, float[] b, float[] c, int m, int k, int n) {
        requireLength(a, m, k, "a");
        requireLength(b, m, n, "b");
        requireLength(c, k, n, "c");
        if (n < LANES) {
            // Cᵀ = Bᵀ·A has the wide A as its column operand, so it fills every lane.
            float[] ct = scratch(n * k);
            product(tile, b, 1, n, a, ct, n, m, k, false);
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += ct[j * k + i];
                }
            }
        } else {
            product(tile, a, 1, k, b, c, k, m, n, true);
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
        multiplyTransposedB(TILE, a, b, c, m, k, n, accumulate);
    }

    /** {@link #multiplyTransposedB(float[], float[], float[], int, int, int, boolean)} with the given tile. */
    static void multiplyTransposedB(GemmTile tile, float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        requireLength(a, m, n, "a");
        requireLength(b, k, n, "b");
        requireLength(c, m, k, "c");
        if (k < LANES) {
            NarrowProduct.multiply(a, b, c, m, n, k, accumulate);
        } else {
            float[] bt = scratch(k * n);
            transpose(b, k, n, bt);
            product(tile, a, n, 1, bt, c, m, n, k, accumulate);
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
    private static void product(GemmTile tile, float[] a, int rowStride, int depthStride, float[] b, float[] c,
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
                if (tile == GemmTile.SIX_BY_TWO) {
                    int i = sixRowTiles(a, rowStride, depthStride, b, c, rows, cols, j0, j1, p0, p1, load);
                    for (; i < rows; i++) {
                        int j = j0;
                        for (; j + 2 * LANES <= j1; j += 2 * LANES) {
                            GemmTiles.tile1x2(a, rowStride, depthStride, b, c, cols, i, j, p0, p1, load);
                        }
                        oneRowMasked(a, rowStride, depthStride, b, c, cols, i, j, j1, p0, p1, load);
                    }
                } else {
                    int i = fourRowTiles(a, rowStride, depthStride, b, c, rows, cols, j0, j1, p0, p1, load);
                    for (; i < rows; i++) {
                        int j = j0;
                        for (; j + 4 * LANES <= j1; j += 4 * LANES) {
                            GemmTiles.tile1x4(a, rowStride, depthStride, b, c, cols, i, j, p0, p1, load);
                        }
                        oneRowMasked(a, rowStride, depthStride, b, c, cols, i, j, j1, p0, p1, load);
                    }
                }
            }
        }
    }

    /** Rows of C in blocks of four, columns [j0, j1) in 4-vector tiles then single vectors; returns the first row left. */
    private static int fourRowTiles(float[] a, int rowStride, int depthStride, float[] b, float[] c, int rows, int cols,
                                    int j0, int j1, int p0, int p1, boolean load) {
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            int j = j0;
            for (; j + 4 * LANES <= j1; j += 4 * LANES) {
                GemmTiles.tile4x4(a, rowStride, depthStride, b, c, cols, i, j, p0, p1, load);
            }
            for (; j < j1; j += LANES) {
                GemmTiles.tile4x1(a, rowStride, depthStride, b, c, cols, i, j, p0, p1, load, j1);
            }
        }
        return i;
    }

    /** Rows of C in blocks of six, columns [j0, j1) in 2-vector tiles then single vectors; returns the first row left. */
    private static int sixRowTiles(float[] a, int rowStride, int depthStride, float[] b, float[] c, int rows, int cols,
                                   int j0, int j1, int p0, int p1, boolean load) {
        int i = 0;
        for (; i + 6 <= rows; i += 6) {
            int j = j0;
            for (; j + 2 * LANES <= j1; j += 2 * LANES) {
                GemmTiles.tile6x2(a, rowStride, depthStride, b, c, cols, i, j, p0, p1, load);
            }
            for (; j < j1; j += LANES) {
                GemmTiles.tile6x1(a, rowStride, depthStride, b, c, cols, i, j, p0, p1, load, j1);
            }
        }
        return i;
    }

    /** Row i of C from column j to j1 one (possibly masked) vector at a time. */
    private static void oneRowMasked(float[] a, int rowStride, int depthStride, float[] b, float[] c, int cols,
                                     int i, int j, int j1, int p0, int p1, boolean load) {
        for (; j < j1; j += LANES) {
            GemmTiles.tile1x1(a, rowStride, depthStride, b, c, cols, i, j, p0, p1, load, j1);
        }
    }

    private static void requireLength(float[] array, int rows, int cols, String name) {
        if (rows < 0 || cols < 0 || array.length < (long) rows * cols) {
            throw new IllegalArgumentException(name + " needs " + rows + " x " + cols + " floats, has " + array.length);
        }
    }
}
