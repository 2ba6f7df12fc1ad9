package io.kaml.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * C[rows, cols] (+)= A·Btᵀ for results narrower than one vector whose width does not divide the lane count (a
 * 3- or 6-expert gate; {@link SpreadProduct} takes the others), for one-column results such as a logit (whose B is
 * its own transpose) and for input gradients into fewer inputs than lanes. Vectorising across C's columns would
 * leave most lanes empty (a 6-column result uses 6 of 16), so here each element is a dot product of a row of
 * A [rows, depth] and a row of Bt [cols, depth], vectorised along the depth and reduced once at the end.
 */
final class NarrowProduct {
    private static final VectorSpecies<Float> SPECIES = GemmTiles.SPECIES;

    private NarrowProduct() {
    }

    static void multiply(float[] a, float[] bt, float[] c, int rows, int depth, int cols, boolean accumulate) {
        int vectorDepth = SPECIES.loopBound(depth);
        float[] lanes = new float[4 * LaneSum.lanes()];
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            for (int j = 0; j < cols; j++) {
                dot4(a, bt, c, depth, cols, i, j, vectorDepth, accumulate, lanes);
            }
        }
        for (; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                dot1(a, bt, c, depth, cols, i, j, vectorDepth, accumulate);
            }
        }
    }

    /** Four rows of A against one row of Bt: four accumulators share each load of Bt. */
    private static void dot4(float[] a, float[] bt, float[] c, int depth, int cols, int i, int j,
                             int vectorDepth, boolean accumulate, float[] lanes) {
        // The tail mask is made here: passed in from multiply, it was boxed on every call (an object and a boolean[]).
        VectorMask<Float> tail = SPECIES.indexInRange(vectorDepth, depth);
        int a0 = i * depth;
        int a1 = a0 + depth;
        int a2 = a1 + depth;
        int a3 = a2 + depth;
        int b0 = j * depth;
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        int p = 0;
        for (; p < vectorDepth; p += SPECIES.length()) {
            FloatVector b = FloatVector.fromArray(SPECIES, bt, b0 + p);
            s0 = FloatVector.fromArray(SPECIES, a, a0 + p).fma(b, s0);
            s1 = FloatVector.fromArray(SPECIES, a, a1 + p).fma(b, s1);
            s2 = FloatVector.fromArray(SPECIES, a, a2 + p).fma(b, s2);
            s3 = FloatVector.fromArray(SPECIES, a, a3 + p).fma(b, s3);
        }
        if (p < depth) {
            FloatVector b = FloatVector.fromArray(SPECIES, bt, b0 + p, tail);
            s0 = FloatVector.fromArray(SPECIES, a, a0 + p, tail).fma(b, s0);
            s1 = FloatVector.fromArray(SPECIES, a, a1 + p, tail).fma(b, s1);
            s2 = FloatVector.fromArray(SPECIES, a, a2 + p, tail).fma(b, s2);
            s3 = FloatVector.fromArray(SPECIES, a, a3 + p, tail).fma(b, s3);
        }
        // Stored, then summed from the array: passed to LaneSum.of(FloatVector) they were boxed (see there).
        int l = LaneSum.lanes();
        s0.intoArray(lanes, 0);
        s1.intoArray(lanes, l);
        s2.intoArray(lanes, 2 * l);
        s3.intoArray(lanes, 3 * l);
        int c0 = i * cols + j;
        store(c, c0, LaneSum.of(lanes, 0), accumulate);
        store(c, c0 + cols, LaneSum.of(lanes, l), accumulate);
        store(c, c0 + 2 * cols, LaneSum.of(lanes, 2 * l), accumulate);
        store(c, c0 + 3 * cols, LaneSum.of(lanes, 3 * l), accumulate);
    }

    private static void dot1(float[] a, float[] bt, float[] c, int depth, int cols, int i, int j,
                             int vectorDepth, boolean accumulate) {
        VectorMask<Float> tail = SPECIES.indexInRange(vectorDepth, depth);
        int a0 = i * depth;
        int b0 = j * depth;
        FloatVector s0 = FloatVector.zero(SPECIES);
        int p = 0;
        for (; p < vectorDepth; p += SPECIES.length()) {
            s0 = FloatVector.fromArray(SPECIES, a, a0 + p).fma(FloatVector.fromArray(SPECIES, bt, b0 + p), s0);
        }
        if (p < depth) {
            s0 = FloatVector.fromArray(SPECIES, a, a0 + p, tail).fma(FloatVector.fromArray(SPECIES, bt, b0 + p, tail), s0);
        }
        store(c, i * cols + j, LaneSum.of(s0), accumulate);
    }

    private static void store(float[] c, int index, float value, boolean accumulate) {
        c[index] = accumulate ? c[index] + value : value;
    }
}
