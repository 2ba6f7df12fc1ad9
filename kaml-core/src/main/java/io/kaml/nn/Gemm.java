package io.kaml.nn;

import java.util.Arrays;

/**
 * Single-precision matrix products on the Vector API, all matrices flat and row-major.
 *
 * <p>HotSpot does not vectorise a plain triple loop (about 7 GFLOP/s here), so every product runs a
 * register-blocked micro-kernel: a {@link GemmTile} of rows of C times vectors of columns, its
 * accumulators kept in registers while one row of B and one scalar of A per row are streamed per step —
 * four rows by four vectors where the machine has 32 vector registers, five by two where it has 16.
 * Around it the depth and the columns are blocked, and each block of B that more than one tile of rows
 * will read is first copied into panels one tile wide (GotoBLAS's packing): read in place, a tile's rows of
 * B are a row of B apart (8 KB in a 2048-wide B), so they land in the same few cache sets, evict one
 * another and cross a page every few rows; packed, they are one sequential stream that stays in the L2
 * cache for every tile of rows. A is read in place, along its rows or, for the weight gradient Xᵀ·dY, down its
 * columns. Columns past the last whole tile run the same kernel on a zero-padded panel into a scratch tile;
 * rows that do not fill a tile use {@link GemmRows}, masking the lanes past the last column. Results narrower
 * than a vector go through {@link SpreadProduct} (B in place) or {@link NarrowProduct} (B transposed), or are
 * computed transposed, so that lanes are not wasted on them.
 *
 * <p>Its only state is one set of scratch arrays per thread, so it is safe to call from several threads on
 * distinct outputs.
 */
public final class Gemm {
    private static final int LANES = GemmTiles.LANES;
    /** Chosen once, so that C2 folds the choice in {@link #product} away. */
    private static final GemmTile TILE = tile(System.getProperty(GemmTile.PROPERTY));
    /** Rows of B per pass: a packed block of 256 × 256 floats is 256 KB, an L2 working set; a tile's panel of it 16–64 KB. */
    private static final int DEPTH_BLOCK = 256;
    /** Columns of B per pass; a multiple of every possible tile width. */
    private static final int COLUMN_BLOCK = 256;
    private static final int TRANSPOSE_BLOCK = 32;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

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
        if (SpreadProduct.fits(n)) {
            SpreadProduct.multiply(a, b, c, m, k, n, accumulate, SCRATCH.get().lanes);
        } else if (n < LANES) {
            float[] bt = b;
            if (n > 1) {
                bt = SCRATCH.get().transposed(k * n);
                transpose(b, k, n, bt);
            }
            NarrowProduct.multiply(a, bt, c, m, k, n, accumulate);
        } else {
            product(tile, a, k, false, b, c, m, k, n, accumulate);
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
            float[] ct = SCRATCH.get().result(n * k);
            product(tile, b, n, true, a, ct, n, m, k, false);
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += ct[j * k + i];
                }
            }
        } else {
            product(tile, a, k, true, b, c, k, m, n, true);
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
            float[] bt = SCRATCH.get().transposed(k * n);
            transpose(b, k, n, bt);
            product(tile, a, n, false, bt, c, m, n, k, accumulate);
        }
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
     * C[rows, cols] (+)= A'·B with B [depth, cols] and A' [rows, depth] either row-major with {@code lda} floats per
     * row or, when {@code transposed}, the transpose of a row-major [depth, rows] A with {@code lda} floats per row.
     * Blocks of B are packed when at least one whole tile of rows reads them; shorter products (a single request)
     * read B in place, as packing would cost as much as the product.
     */
    private static void product(GemmTile tile, float[] a, int lda, boolean transposed, float[] b, float[] c,
                                int rows, int depth, int cols, boolean accumulate) {
        if (depth == 0) {
            if (!accumulate) {
                Arrays.fill(c, 0, rows * cols, 0f);
            }
            return;
        }
        int width = tile.vectors() * LANES;
        boolean pack = rows >= tile.rows();
        int aStep = transposed ? lda : 1;
        Scratch scratch = SCRATCH.get();
        for (int p0 = 0; p0 < depth; p0 += DEPTH_BLOCK) {
            int p1 = Math.min(depth, p0 + DEPTH_BLOCK);
            boolean load = accumulate || p0 > 0;
            for (int j0 = 0; j0 < cols; j0 += COLUMN_BLOCK) {
                int j1 = Math.min(cols, j0 + COLUMN_BLOCK);
                int i = 0;
                if (pack) {
                    float[] panels = scratch.packed(b, cols, p0, p1, j0, j1, width);
                    float[] edge = scratch.edge(tile.rows() * width);
                    i = tileRows(tile, a, lda, transposed, panels, edge, c, rows, cols, j0, j1, p0, p1, load);
                    for (; i < rows; i++) {
                        row(tile, a, start(i, p0, lda, transposed), aStep, panels, 0, width, width * (p1 - p0), c, i * cols,
                                j0, j1, p1 - p0, load);
                    }
                } else {
                    for (; i < rows; i++) {
                        int ai = start(i, p0, lda, transposed);
                        int j = j0;
                        for (; j + 8 * LANES <= j1; j += 8 * LANES) {
                            GemmRows.row8(a, ai, aStep, b, p0 * cols + j, cols, c, i * cols + j, p1 - p0, load);
                        }
                        row(tile, a, ai, aStep, b, p0 * cols + j, cols, width, c, i * cols, j, j1, p1 - p0, load);
                    }
                }
            }
        }
    }

    /**
     * Rows of C in whole tiles, columns [j0, j1) tile by tile, B packed by {@link Scratch#packed}, the columns past
     * the last whole tile through {@code edge} (one tile of C); returns the first row left.
     */
    private static int tileRows(GemmTile tile, float[] a, int lda, boolean transposed, float[] panels, float[] edge,
                                float[] c, int rows, int cols, int j0, int j1, int p0, int p1, boolean load) {
        int depth = p1 - p0;
        int width = tile.vectors() * LANES;
        int panelStep = width * depth;
        int i = 0;
        for (; i + tile.rows() <= rows; i += tile.rows()) {
            int ai = start(i, p0, lda, transposed);
            int j = j0;
            int bj = 0;
            for (; j + width <= j1; j += width, bj += panelStep) {
                kernel(tile, transposed, a, ai, lda, panels, bj, c, i * cols + j, cols, depth, load);
            }
            if (j < j1) {
                // The columns past the last whole tile: the same kernel on the zero-padded panel, into a whole tile
                // of scratch whose first j1 - j columns are then copied to C.
                int w = j1 - j;
                for (int r = 0; load && r < tile.rows(); r++) {
                    System.arraycopy(c, (i + r) * cols + j, edge, r * width, w);
                }
                kernel(tile, transposed, a, ai, lda, panels, bj, edge, 0, width, depth, load);
                for (int r = 0; r < tile.rows(); r++) {
                    System.arraycopy(edge, r * width, c, (i + r) * cols + j, w);
                }
            }
        }
        return i;
    }

    /** One tile: the kernel for the tile's shape and for A read along its rows or down its columns. */
    private static void kernel(GemmTile tile, boolean transposed, float[] a, int ai, int lda, float[] panels, int bp,
                               float[] c, int ci, int cols, int depth, boolean load) {
        if (tile == GemmTile.FIVE_BY_TWO) {
            if (transposed) {
                FiveByTwoTiles.tile5x2Transposed(a, ai, lda, panels, bp, c, ci, cols, depth, load);
            } else {
                FiveByTwoTiles.tile5x2(a, ai, lda, panels, bp, c, ci, cols, depth, load);
            }
        } else if (transposed) {
            FourByFourTiles.tile4x4Transposed(a, ai, lda, panels, bp, c, ci, cols, depth, load);
        } else {
            FourByFourTiles.tile4x4(a, ai, lda, panels, bp, c, ci, cols, depth, load);
        }
    }

    /**
     * One row of C, columns [j0, j1): A'[i, p0] at a[ai], a step down the depth {@code aStep} further; C's row from
     * c[ci]; B[p0, j0] at b[bj], a step down the depth {@code stride} floats further and the next tile's columns
     * {@code panelStep} further.
     */
    private static void row(GemmTile tile, float[] a, int ai, int aStep, float[] b, int bj, int stride, int panelStep, float[] c,
                            int ci, int j0, int j1, int depth, boolean load) {
        int width = tile.vectors() * LANES;
        int j = j0;
        for (; j + width <= j1; j += width, bj += panelStep) {
            if (tile == GemmTile.FIVE_BY_TWO) {
                GemmRows.row2(a, ai, aStep, b, bj, stride, c, ci + j, depth, load);
            } else {
                GemmRows.row4(a, ai, aStep, b, bj, stride, c, ci + j, depth, load);
            }
        }
        for (; j < j1; j += LANES, bj += LANES) {
            GemmRows.row1(a, ai, aStep, b, bj, stride, c, ci + j, depth, load, j, j1);
        }
    }

    /** Where A'[i, p0] is. */
    private static int start(int i, int p0, int lda, boolean transposed) {
        return transposed ? p0 * lda + i : i * lda + p0;
    }

    /** One thread's working arrays, grown to the largest size asked for and then reused. */
    private static final class Scratch {
        private float[] transposed = new float[0];
        private float[] result = new float[0];
        private float[] panels = new float[0];
        private float[] edge = new float[0];
        /** Four vectors' lanes, for {@link SpreadProduct}'s sums. */
        private final float[] lanes = new float[4 * LANES];

        /** Room for one tile of C. */
        float[] edge(int size) {
            return edge = atLeast(edge, size);
        }

        /** Room for a transposed operand. */
        float[] transposed(int size) {
            return transposed = atLeast(transposed, size);
        }

        /** Room for a transposed result. */
        float[] result(int size) {
            return result = atLeast(result, size);
        }

        private static float[] atLeast(float[] array, int size) {
            return array.length < size ? new float[size] : array;
        }

        /**
         * B[p0..p1, j0..j1) as panels of {@code width} columns, panel after panel, each [p1 - p0, width] row-major;
         * the last panel's columns past j1 are zero.
         */
        float[] packed(float[] b, int cols, int p0, int p1, int j0, int j1, int width) {
            panels = atLeast(panels, Math.ceilDiv(j1 - j0, width) * width * (p1 - p0));
            int at = 0;
            for (int j = j0; j < j1; j += width) {
                int w = Math.min(width, j1 - j);
                for (int p = p0; p < p1; p++, at += width) {
                    System.arraycopy(b, p * cols + j, panels, at, w);
                    if (w < width) {
                        Arrays.fill(panels, at + w, at + width, 0f);
                    }
                }
            }
            return panels;
        }
    }

    private static void requireLength(float[] array, int rows, int cols, String name) {
        if (rows < 0 || cols < 0 || array.length < (long) rows * cols) {
            throw new IllegalArgumentException(name + " needs " + rows + " x " + cols + " floats, has " + array.length);
        }
    }
}
