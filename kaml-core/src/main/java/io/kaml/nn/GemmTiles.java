package io.kaml.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * What {@link Gemm}'s multi-row micro-kernels ({@link FourByFourTiles}, {@link FiveByTwoTiles}) share. Each
 * computes one tile of C over a block of the depth, C[i.., j..] (+)= Σ_q A'[i.., p0 + q]·B[p0 + q, j..] for q
 * in [0, depth), with
 * <ul>
 *   <li>A' either row-major (row r of the tile at a[ai + r·lda + q]) or, in the {@code …Transposed} kernels, the
 *       transpose of a row-major A [depth, rows] (at a[ai + q·lda + r]: the weight gradient's Xᵀ), read in place
 *       either way;</li>
 *   <li>B packed: the tile's columns as a panel [depth, vectors·LANES] from b[bp], so that a step reads
 *       adjacent vectors and the next step the next ones;</li>
 *   <li>C row-major with {@code cols} columns, the tile's corner at c[ci].</li>
 * </ul>
 * B's index is the loop counter times a constant and a row-major A's the counter plus an invariant, so C2 hoists
 * their bounds checks out of the loop (a transposed A's adjacent reads share one pair of checks). The accumulators
 * are named locals, not an array, so that C2 keeps them in registers. With {@code load} the tile starts from C's
 * current values, otherwise from zero. Every element is a chain of FMAs over p in order, whatever the tile, so
 * all tiles give the same bits.
 *
 * <p>Each kernel is one loop in one small method. A method with both of A's loops, or with masked loads for the
 * columns past the last whole tile, was too big for C1 ("out of virtual registers"), and the tiered policy then
 * never handed it to C2: it ran the Vector API's Java fallback, 15 to 30 times slower. So the columns past the
 * last whole tile are computed by the same kernel on a zero-padded panel into a scratch tile (see {@link Gemm}).
 */
final class GemmTiles {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();

    private GemmTiles() {
    }
}
