package io.kaml.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * C[rows, cols] (+)= A·B for a B [depth, cols] narrower than a vector whose width divides the lane count, such as
 * a 4-expert gate, reading B in place. B's floats are one stream of vectors, each holding
 * {@code L/cols} whole rows of B; each is multiplied by A's matching scalars spread across the lanes (lane l takes
 * the scalar of B's row under it), so lane l always accumulates column {@code l mod cols}, and the lanes of a
 * column are added at the end.
 *
 * <p>{@link NarrowProduct} needs B transposed first, and for a single request that copy was the product's cost:
 * transposing a 320×4 gate weight took 1.6–2.7 µs against 0.3–0.4 µs for this whole product (measured on an AVX2
 * Zen 3), and the five gates' copies were a quarter of a request. A row is computed the same way in a batch of one
 * as in any other batch, so a sample scores the same bits either way.
 */
final class SpreadProduct {
    private static final VectorSpecies<Float> SPECIES = GemmTiles.SPECIES;
    private static final int LANES = GemmTiles.LANES;
    /** SPREADS[cols][r]: lane l takes A's scalar r·L/cols + l/cols, for B's r-th vector of every L rows. */
    private static final VectorShuffle<Float>[][] SPREADS = spreads();

    private SpreadProduct() {
    }

    /**
     * Whether B with this many columns can be read in place here: a divisor of the lane count below it, and two or
     * more (a one-column B is already its own transpose, so {@link NarrowProduct} reads it in place).
     */
    static boolean fits(int cols) {
        return cols > 1 && cols < LANES && LANES % cols == 0;
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[][] spreads() {
        VectorShuffle<Float>[][] spreads = new VectorShuffle[LANES][];
        for (int cols = 1; cols < LANES; cols++) {
            if (fits(cols)) {
                int width = cols;
                spreads[cols] = new VectorShuffle[cols];
                for (int r = 0; r < cols; r++) {
                    int first = r * (LANES / cols);
                    spreads[cols][r] = VectorShuffle.fromOp(SPECIES, l -> first + l / width);
                }
            }
        }
        return spreads;
    }

    /**
     * @param a     [rows, depth]
     * @param b     [depth, cols], cols {@link #fits fitting}
     * @param c     [rows, cols]
     * @param lanes scratch of at least 4 vectors' floats
     */
    static void multiply(float[] a, float[] b, float[] c, int rows, int depth, int cols, boolean accumulate, float[] lanes) {
        if (!fits(cols)) {
            throw new IllegalArgumentException(cols + " columns do not divide " + LANES + " lanes");
        }
        VectorShuffle<Float>[] spread = SPREADS[cols];
        int vectorDepth = SPECIES.loopBound(depth);
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            rows4(a, b, i, depth, vectorDepth, cols, spread, lanes);
            for (int r = 0; r < 4; r++) {
                finish(a, b, c, i + r, depth, vectorDepth, cols, accumulate, lanes, r * LANES);
            }
        }
        for (; i < rows; i++) {
            row1(a, b, i, depth, vectorDepth, cols, spread, lanes);
            finish(a, b, c, i, depth, vectorDepth, cols, accumulate, lanes, 0);
        }
    }

    /**
     * Four rows' lane sums over the whole vectors of depth into lanes[0..4L), sharing each load of B: for each r,
     * B's r-th vector of every L rows of B against the A vector of those rows spread by {@code spread[r]}.
     */
    private static void rows4(float[] a, float[] b, int i, int depth, int vectorDepth, int cols,
                              VectorShuffle<Float>[] spread, float[] lanes) {
        int a0 = i * depth;
        int a1 = a0 + depth;
        int a2 = a1 + depth;
        int a3 = a2 + depth;
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        // One shuffle per pass over the depth: with the passes inside, C2 reloaded it for every vector and ran at half the rate.
        for (int r = 0; r < cols; r++) {
            VectorShuffle<Float> at = spread[r];
            for (int p = 0, bp = r * LANES; p < vectorDepth; p += LANES, bp += cols * LANES) {
                FloatVector w = FloatVector.fromArray(SPECIES, b, bp);
                s0 = FloatVector.fromArray(SPECIES, a, a0 + p).rearrange(at).fma(w, s0);
                s1 = FloatVector.fromArray(SPECIES, a, a1 + p).rearrange(at).fma(w, s1);
                s2 = FloatVector.fromArray(SPECIES, a, a2 + p).rearrange(at).fma(w, s2);
                s3 = FloatVector.fromArray(SPECIES, a, a3 + p).rearrange(at).fma(w, s3);
            }
        }
        s0.intoArray(lanes, 0);
        s1.intoArray(lanes, LANES);
        s2.intoArray(lanes, 2 * LANES);
        s3.intoArray(lanes, 3 * LANES);
    }

    /** One row's lane sums, in the same order as {@link #rows4}, into lanes[0..L). */
    private static void row1(float[] a, float[] b, int i, int depth, int vectorDepth, int cols,
                             VectorShuffle<Float>[] spread, float[] lanes) {
        int a0 = i * depth;
        FloatVector s0 = FloatVector.zero(SPECIES);
        for (int r = 0; r < cols; r++) {
            VectorShuffle<Float> at = spread[r];
            for (int p = 0, bp = r * LANES; p < vectorDepth; p += LANES, bp += cols * LANES) {
                s0 = FloatVector.fromArray(SPECIES, a, a0 + p).rearrange(at).fma(FloatVector.fromArray(SPECIES, b, bp), s0);
            }
        }
        s0.intoArray(lanes, 0);
    }

    /** Row i of C from its lane sums at lanes[from..from+L): each column's lanes in order, then the depth's tail. */
    private static void finish(float[] a, float[] b, float[] c, int i, int depth, int vectorDepth, int cols,
                               boolean accumulate, float[] lanes, int from) {
        int a0 = i * depth;
        for (int j = 0; j < cols; j++) {
            float sum = 0f;
            for (int l = j; l < LANES; l += cols) {
                sum += lanes[from + l];
            }
            for (int p = vectorDepth; p < depth; p++) {
                sum = Math.fma(a[a0 + p], b[p * cols + j], sum);
            }
            int at = i * cols + j;
            c[at] = accumulate ? c[at] + sum : sum;
        }
    }
}
