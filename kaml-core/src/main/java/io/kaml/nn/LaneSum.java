package io.kaml.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sum of a vector's lanes in one fixed order. {@code reduceLanes(ADD)} leaves the order open, and
 * HotSpot's compiled code and the interpreter's fallback really do add in different orders, so a
 * kernel's results changed once the JIT compiled it: the same seed then no longer gave the same
 * weights in two runs. A halving tree of lane-wise adds is exact in every execution mode.
 *
 * <p>Each level adds the vector rotated by {@code half} lanes, a constant shuffle. It was
 * {@code slice(half)}, which gives lane 0 the same sums but which C2 did not compile to vector code:
 * it ran the Java fallback, allocating an array per call — 1.4 GB of garbage in one 23-second
 * {@code kaml bench} (a JFR allocation profile), the largest source of the heap's growth.
 */
final class LaneSum {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Rotations by L/2, L/4, ..., 1 lanes of {@link #SPECIES}: lane i takes lane (i + half) mod L. */
    private static final VectorShuffle<Float>[] ROTATIONS = rotations(SPECIES);

    private LaneSum() {
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] rotations(VectorSpecies<Float> species) {
        int levels = Integer.numberOfTrailingZeros(species.length());
        VectorShuffle<Float>[] out = new VectorShuffle[levels];
        for (int level = 0, half = species.length() >> 1; half > 0; level++, half >>= 1) {
            int shift = half;
            out[level] = VectorShuffle.fromOp(species, i -> (i + shift) % species.length());
        }
        return out;
    }

    /**
     * ((v0 + v_{L/2}) + ...) as a halving tree: lane i absorbs lane i + half, half = L/2, L/4, ..., 1. Lanes at or
     * above {@code half} take wrapped-around lanes, which lane 0 never reads.
     *
     * @param v a vector of {@link FloatVector#SPECIES_PREFERRED}, the species of every kernel that calls this
     */
    static float of(FloatVector v) {
        FloatVector acc = v;
        for (VectorShuffle<Float> rotation : ROTATIONS) {
            acc = acc.add(acc.rearrange(rotation));
        }
        return acc.lane(0);
    }
}
