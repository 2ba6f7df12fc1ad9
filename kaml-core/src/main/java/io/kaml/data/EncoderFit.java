package io.kaml.data;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What fitting a {@link FeatureEncoder} learns from the raw training rows: the numerical statistics,
 * which features were ever missing (bucket 0, NaN) and each categorical field's distinct values, which
 * size the fields the spec leaves to the data ({@link BucketSizing}). Gathered block by block and mergeable, so that every
 * way of reading the training split (whole in memory, streamed into the cache, in Spark partitions) goes
 * through this one class and fits the same encoder.
 */
public final class EncoderFit implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private final NumericalStats.Accumulator numerical;
    /** [categorical fields, then numerical fields]: whether a row added so far had it missing. */
    private final boolean[] missing;
    private final int categoricalFields;
    /** [categorical fields] distinct buckets as read. */
    private final DistinctBuckets[] distinct;

    public EncoderFit(FeatureEncoder unfitted) {
        categoricalFields = unfitted.categoricalFields().size();
        int numericalFields = unfitted.numericalFields().size();
        numerical = new NumericalStats.Accumulator(numericalFields, unfitted.transform());
        missing = new boolean[categoricalFields + numericalFields];
        distinct = new DistinctBuckets[categoricalFields];
        int[] buckets = unfitted.buckets();
        for (int k = 0; k < categoricalFields; k++) {
            // A user-set field is counted only as far as its oversize warning needs.
            distinct[k] = new DistinctBuckets(unfitted.sizedFromData(k) ? BucketSizing.countLimit()
                    : buckets[k] / (BucketSizing.OVERSIZE * BucketSizing.SLOTS_PER_VALUE) + 1);
        }
    }

    /** Adds the rows of {@code raw} (buckets, and numerical values as read: NaN = missing). */
    public void add(Batch raw) {
        if (raw.categoricalFields() != categoricalFields) {
            throw new IllegalArgumentException("batch has " + raw.categoricalFields() + " categorical fields, expected " + categoricalFields);
        }
        numerical.add(raw);
        int f = categoricalFields;
        int nf = raw.numericalFields();
        int[] categorical = raw.categorical();
        for (int k = 0; k < f; k++) {
            DistinctBuckets seen = distinct[k];
            for (int i = 0; i < raw.size(); i++) {
                int bucket = categorical[i * f + k];
                missing[k] |= bucket == FeatureEncoder.MISSING_BUCKET;
                seen.add(bucket);
            }
        }
        for (int k = 0; k < nf; k++) {
            for (int i = 0; i < raw.size() && !missing[f + k]; i++) {
                missing[f + k] = Float.isNaN(raw.numerical()[i * nf + k]);
            }
        }
    }

    /** Adds the rows another fit saw (a Spark partition's). */
    public void merge(EncoderFit other) {
        if (other.missing.length != missing.length || other.categoricalFields != categoricalFields) {
            throw new IllegalArgumentException("fits of different encoders cannot be merged");
        }
        numerical.merge(other.numerical);
        for (int k = 0; k < missing.length; k++) {
            missing[k] |= other.missing[k];
        }
        for (int k = 0; k < categoricalFields; k++) {
            distinct[k].merge(other.distinct[k]);
        }
    }

    /**
     * {@code unfitted} fitted on every row added so far: rows it read are turned into model inputs by the
     * result's {@link FeatureEncoder#encode}.
     */
    public FeatureEncoder fitted(FeatureEncoder unfitted) {
        List<String> fields = unfitted.allFields();
        if (fields.size() != missing.length) {
            throw new IllegalArgumentException("this fit has " + missing.length + " fields, the encoder " + fields.size());
        }
        List<String> seen = new ArrayList<>();
        for (int k = 0; k < missing.length; k++) {
            if (missing[k]) {
                seen.add(fields.get(k));
            }
        }
        return unfitted.fitted(numerical.result(), seen, buckets(unfitted));
    }

    private int[] buckets(FeatureEncoder unfitted) {
        int[] buckets = unfitted.buckets();
        for (int k = 0; k < categoricalFields; k++) {
            if (unfitted.sizedFromData(k)) {
                buckets[k] = BucketSizing.buckets(distinct[k].count());
            }
        }
        return buckets;
    }

    /** What sizing the categorical fields decided and warns of, in words for the user ({@link BucketSizing#notes}). */
    public String bucketNotes(FeatureEncoder unfitted) {
        int[] buckets = buckets(unfitted);
        List<BucketSizing.Field> fields = new ArrayList<>();
        for (int k = 0; k < categoricalFields; k++) {
            fields.add(new BucketSizing.Field(unfitted.categoricalFields().get(k), buckets[k], distinct[k].count(),
                    distinct[k].saturated(), unfitted.sizedFromData(k)));
        }
        return BucketSizing.notes(fields);
    }
}
