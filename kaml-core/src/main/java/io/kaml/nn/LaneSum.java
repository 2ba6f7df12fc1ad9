package io.kaml.nn;

import jdk.incubator.vector.FloatVector;

/**
 * The sum of a vector's lanes in one fixed order. {@code reduceLanes(ADD)} leaves the order open, and
 * HotSpot's compiled code and the interpreter's fallback really do add in different orders, so a
 * kernel's results changed once the JIT compiled it: the same seed then no longer gave the same
 * weights in two runs. A halving tree of lane-wise adds is exact in every execution mode.
 */
final class LaneSum {
    private LaneSum() {
    }

    /** ((v0 + v_{L/2}) + ...) as a halving tree: lane i absorbs lane i + half, half = L/2, L/4, ..., 1. */
    static float of(FloatVector v) {
        FloatVector acc = v;
        for (int half = acc.length() >> 1; half > 0; half >>= 1) {
            acc = acc.add(acc.slice(half));
        }
        return acc.lane(0);
    }
}
