package io.kaml.data;

import java.util.List;
import java.util.Map;

/**
 * How features are encoded: hash buckets per categorical field, the numerical transform and the hash
 * seed. Part of a model's saved state: a model only understands data encoded the same way.
 */
public record EncodingOptions(
        int buckets,
        Map<String, Integer> fieldBuckets,
        NumericalTransform numericalTransform,
        int hashSeed) {

    public static final int DEFAULT_BUCKETS = 100_000;
    /** 2^26 rows of a field: an embedding of width 16 is then 4 GiB of weights alone, well past any sane table. */
    public static final int MAX_BUCKETS = 1 << 26;

    public EncodingOptions {
        fieldBuckets = Map.copyOf(fieldBuckets);
        if (buckets < 2 || buckets > MAX_BUCKETS) {
            throw new IllegalArgumentException("encoding.buckets must be 2 to " + MAX_BUCKETS + ", got " + buckets);
        }
        fieldBuckets.forEach((field, n) -> {
            if (n < 2 || n > MAX_BUCKETS) {
                throw new IllegalArgumentException("encoding.field_buckets." + field + " must be 2 to " + MAX_BUCKETS + ", got " + n);
            }
        });
    }

    public static EncodingOptions defaults() {
        return new EncodingOptions(DEFAULT_BUCKETS, Map.of(), NumericalTransform.LOG_STANDARDIZE, 0);
    }

    /** Buckets of each categorical field, in field order. */
    public int[] bucketsPerField(List<String> categorical) {
        int[] out = new int[categorical.size()];
        for (int f = 0; f < out.length; f++) {
            out[f] = fieldBuckets.getOrDefault(categorical.get(f), buckets);
        }
        return out;
    }
}
