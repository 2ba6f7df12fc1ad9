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
 * <p>Each level adds the vector rotated by {@code half} lanes, a constant shuffle, written out level by level. It
 * was {@code slice(half)} in a loop, which gives lane 0 the same sums but which C2 did not compile to vector code:
 * it ran the Java fallback, allocating an array per call — 1.4 GB of the garbage of one 23-second
 * {@code kaml bench} and 15 GB of a 25-second {@code kaml train} (JFR allocation profiles). A loop over an
 * array of shuffles still allocated in {@code kaml train}: the vector carried around the loop was boxed.
 */
final class LaneSum {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    // Lane i takes lane (i + half) mod L; a rotation by L or more lanes is never applied.
    private static final VectorShuffle<Float> BY_8 = rotation(8);
    private static final VectorShuffle<Float> BY_4 = rotation(4);
    private static final VectorShuffle<Float> BY_2 = rotation(2);
    private static final VectorShuffle<Float> BY_1 = rotation(1);

    static {
        if (LANES < 4 || LANES > 16) {
            throw new IllegalStateException("LaneSum adds 4 to 16 float lanes; this machine's preferred vector has " + LANES);
        }
    }

    private LaneSum() {
    }

    private static VectorShuffle<Float> rotation(int half) {
        return VectorShuffle.fromOp(SPECIES, i -> (i + half) % LANES);
    }

    /**
     * ((v0 + v_{L/2}) + ...) as a halving tree: lane i absorbs lane i + half, half = L/2, L/4, ..., 1. Lanes at or
     * above {@code half} take wrapped-around lanes, which lane 0 never reads.
     *
     * @param v a vector of {@link FloatVector#SPECIES_PREFERRED} (4 to 16 lanes), the species of every kernel that calls this
     */
    static float of(FloatVector v) {
        FloatVector acc = v;
        if (LANES >= 16) {
            acc = acc.add(acc.rearrange(BY_8));
        }
        if (LANES >= 8) {
            acc = acc.add(acc.rearrange(BY_4));
        }
        acc = acc.add(acc.rearrange(BY_2));
        acc = acc.add(acc.rearrange(BY_1));
        return acc.lane(0);
    }

    /**
     * The same sum, bit for bit, of {@code L} lanes already stored at {@code lanes[from..from+L)} by
     * {@code intoArray}: for a kernel whose vectors would be boxed on their way into {@link #of(FloatVector)} when C2
     * does not inline it (NarrowProduct's four accumulators were: 3.5 GB in a 25-second {@code kaml train}).
     *
     * @param lanes scratch, overwritten
     */
    static float of(float[] lanes, int from) {
        for (int half = LANES >> 1; half > 0; half >>= 1) {
            for (int i = 0; i < half; i++) {
                lanes[from + i] += lanes[from + i + half];
            }
        }
        return lanes[from];
    }

    static int lanes() {
        return LANES;
    }
}
