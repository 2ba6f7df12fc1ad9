package io.kaml.data;

import java.util.List;
import java.util.Map;

/**
 * How features are encoded: hash buckets per categorical field, the numerical transform and the hash
 * seed. Part of a model's saved state: a model only understands data encoded the same way.
 *
 * @param buckets      buckets of every field not in {@code fieldBuckets}, or {@link #FROM_DATA}: each such
 *                     field sized from the training split's distinct values ({@link BucketSizing})
 * @param fieldBuckets buckets of single fields, which override {@code buckets}
 */
public record EncodingOptions(
        int buckets,
        Map<String, Integer> fieldBuckets,
        NumericalTransform numericalTransform,
        int hashSeed) {

    /** {@code buckets} when the spec gives none, or says {@code auto}. */
    public static final int FROM_DATA = 0;
    /** 2^26 rows of a field: an embedding of width 16 is then 4 GiB of weights alone, well past any sane table. */
    public static final int MAX_BUCKETS = 1 << 26;

    public EncodingOptions {
        fieldBuckets = Map.copyOf(fieldBuckets);
        if (buckets != FROM_DATA && (buckets < 2 || buckets > MAX_BUCKETS)) {
            throw new IllegalArgumentException("encoding.buckets must be 2 to " + MAX_BUCKETS + " or auto, got " + buckets);
        }
        fieldBuckets.forEach((field, n) -> {
            if (n < 2 || n > MAX_BUCKETS) {
                throw new IllegalArgumentException("encoding.field_buckets." + field + " must be 2 to " + MAX_BUCKETS + ", got " + n);
            }
        });
    }

    public static EncodingOptions defaults() {
        return new EncodingOptions(FROM_DATA, Map.of(), NumericalTransform.LOG_STANDARDIZE, 0);
    }

    /** Whether {@code field}'s buckets are left to the data. */
    public boolean sizedFromData(String field) {
        return buckets == FROM_DATA && !fieldBuckets.containsKey(field);
    }

    /** Buckets of each categorical field, in field order; {@link #FROM_DATA} for a field left to the data. */
    public int[] bucketsPerField(List<String> categorical) {
        int[] out = new int[categorical.size()];
        for (int f = 0; f < out.length; f++) {
            out[f] = fieldBuckets.getOrDefault(categorical.get(f), buckets);
        }
        return out;
    }
}
