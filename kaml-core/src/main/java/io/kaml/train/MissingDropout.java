package io.kaml.train;

import io.kaml.data.FeatureEncoder;

/**
 * Replaces training inputs by "missing" (what a missing value encodes to: bucket 0, a numerical 0), each
 * field of each row independently with probability p, so that the model learns an input for every feature
 * being missing and can score a partial row from what it learned, not from an untrained input (see
 * {@link io.kaml.data.MissingValues}). The one training loop applies it where its workers gather a batch's
 * rows, so validation and test scoring never see it.
 *
 * <p>A draw is a hash of (seed, global step, row within the batch, field) rather than a random stream: it
 * does not depend on the thread count or on which worker gathers the row, and a resumed run draws exactly
 * what the interrupted one would have, so weights stay bit-identical across {@code --resume}.
 */
final class MissingDropout {
    /** Keeps these draws apart from anything else derived from the same seed. */
    private static final long SALT = 0x6d697373696e6721L;

    private final double p;
    private final long key;

    MissingDropout(double p, long seed) {
        this.p = p;
        this.key = mix(seed ^ SALT);
    }

    /**
     * Drops fields of one gathered row in place: its buckets {@code ids[idsAt, idsAt + f)} and encoded numerical
     * values {@code numerical[numericalAt, numericalAt + nf)}.
     *
     * @param row the row's position in the batch, whichever worker holds it
     */
    void apply(long globalStep, int row, int[] ids, int idsAt, int f, float[] numerical, int numericalAt, int nf) {
        if (p == 0) {
            return;
        }
        long rowKey = mix(mix(key + globalStep) + row);
        for (int k = 0; k < f; k++) {
            if (drawn(rowKey, k)) {
                ids[idsAt + k] = FeatureEncoder.MISSING_BUCKET;
            }
        }
        for (int k = 0; k < nf; k++) {
            if (drawn(rowKey, f + k)) {
                numerical[numericalAt + k] = FeatureEncoder.MISSING_INPUT;
            }
        }
    }

    private boolean drawn(long rowKey, int field) {
        return (mix(rowKey + field) >>> 11) * 0x1.0p-53 < p;
    }

    /** SplitMix64's finaliser: consecutive inputs give unrelated, uniformly spread outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
