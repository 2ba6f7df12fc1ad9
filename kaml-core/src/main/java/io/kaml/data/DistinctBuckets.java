package io.kaml.data;

import java.io.Serial;
import java.io.Serializable;

/**
 * The distinct non-missing buckets one categorical field takes in the training rows, counted exactly up
 * to a limit past which the count changes no decision of {@link BucketSizing}: a field of user ids then
 * costs a few megabytes, not a set of every id. Mergeable, so that the training split read whole, block
 * by block or in Spark partitions counts the same.
 */
final class DistinctBuckets implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private final int limit;
    /** Open addressing; 0 marks an empty slot, which is free because the missing bucket 0 is not counted. */
    private int[] slots = new int[16];
    private int size;

    /** @param limit distinct buckets after which counting stops */
    DistinctBuckets(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        this.limit = limit;
    }

    void add(int bucket) {
        if (bucket == FeatureEncoder.MISSING_BUCKET || size >= limit) {
            return;
        }
        int mask = slots.length - 1;
        int i = mix(bucket) & mask;
        while (slots[i] != 0) {
            if (slots[i] == bucket) {
                return;
            }
            i = (i + 1) & mask;
        }
        slots[i] = bucket;
        size++;
        if (size * 2 > slots.length) {
            grow();
        }
    }

    /** Adds the buckets another count saw (a Spark partition's). */
    void merge(DistinctBuckets other) {
        for (int bucket : other.slots) {
            add(bucket);
        }
    }

    /** Distinct buckets seen, at most the limit. */
    int count() {
        return size;
    }

    /** Whether counting stopped at the limit: there may be more. */
    boolean saturated() {
        return size >= limit;
    }

    private void grow() {
        int[] old = slots;
        slots = new int[old.length * 2];
        size = 0;
        for (int bucket : old) {
            if (bucket != 0) {
                add(bucket);
            }
        }
    }

    /** Buckets of a hashed field are already uniform, but a user-sized field's small ids would cluster. */
    private static int mix(int x) {
        int h = x * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
