package io.kaml.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns raw feature values into model inputs: the one encoder shared by training, {@code eval},
 * {@code predict} and serving, so a value is encoded the same way everywhere. Immutable.
 *
 * <p>Categorical field {@code f} maps a value to a bucket in {@code [0, buckets[f])} with
 * {@link FeatureHasher}; a model with one shared embedding table adds {@link #fieldOffsets()}.
 * Numerical field {@code f} maps {@code x} to {@code (shape(x) - mean[f]) / std[f]} with training
 * statistics, and a missing value to 0. {@link #missing()} says which features training saw missing.
 */
public final class FeatureEncoder {
    /** The bucket of a missing categorical value, reserved by {@link FeatureHasher}. */
    public static final int MISSING_BUCKET = 0;
    /** The model input of a missing numerical value. */
    public static final float MISSING_INPUT = 0f;

    private final List<String> actions;
    private final List<String> categorical;
    private final List<String> numerical;
    private final int[] buckets;
    private final int[] fieldSeeds;
    private final int[] fieldOffsets;
    private final int hashSeed;
    private final NumericalTransform transform;
    private final NumericalStats stats;
    private final MissingValues missing;
    /** [categoricalFields] whether the field is read at {@link BucketSizing#READ_WIDTH} until the fit sizes it; none once fitted. */
    private final boolean[] sizeFromData;

    public FeatureEncoder(List<String> actions, List<String> categorical, int[] buckets, int hashSeed,
                          List<String> numerical, NumericalTransform transform, NumericalStats stats, MissingValues missing) {
        this(actions, categorical, buckets, hashSeed, numerical, transform, stats, missing, new boolean[buckets.length]);
    }

    private FeatureEncoder(List<String> actions, List<String> categorical, int[] buckets, int hashSeed, List<String> numerical,
                           NumericalTransform transform, NumericalStats stats, MissingValues missing, boolean[] sizeFromData) {
        if (buckets.length != categorical.size()) {
            throw new IllegalArgumentException("buckets has " + buckets.length + " entries for " + categorical.size() + " fields");
        }
        if (stats != null && stats.fields() != numerical.size()) {
            throw new IllegalArgumentException("stats cover " + stats.fields() + " fields, expected " + numerical.size());
        }
        this.actions = List.copyOf(actions);
        this.categorical = List.copyOf(categorical);
        this.numerical = List.copyOf(numerical);
        this.buckets = buckets.clone();
        this.hashSeed = hashSeed;
        this.transform = transform;
        this.stats = stats;
        this.missing = Objects.requireNonNull(missing, "missing");
        this.sizeFromData = sizeFromData;
        if (missing.seen() != null && !allFields().containsAll(missing.seen())) {
            throw new IllegalArgumentException("features seen missing " + missing.seen() + " are not all among the features " + allFields());
        }
        FeatureHasher hasher = new FeatureHasher(hashSeed);
        fieldSeeds = new int[buckets.length];
        fieldOffsets = new int[buckets.length];
        long offset = 0;
        for (int f = 0; f < buckets.length; f++) {
            fieldSeeds[f] = hasher.fieldSeed(categorical.get(f));
            fieldOffsets[f] = (int) offset;
            offset += buckets[f];
            // One embedding table holds every field's rows, indexed by int.
            if (offset > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("encoding: the categorical fields' buckets add up to more than "
                        + Integer.MAX_VALUE + " (one embedding table indexes them all); lower encoding.buckets or field_buckets");
            }
        }
    }

    /**
     * An encoder for {@code spec} whose numerical statistics, missing features and data-sized buckets are not
     * fitted yet: it reads the rows that fit it ({@link EncoderFit}), and the fitted encoder turns them into inputs.
     */
    public static FeatureEncoder unfitted(DatasetSpec spec) {
        ColumnMapping c = spec.columns();
        EncodingOptions e = spec.encoding();
        int[] buckets = e.bucketsPerField(c.categorical());
        boolean[] sized = new boolean[buckets.length];
        for (int f = 0; f < buckets.length; f++) {
            sized[f] = e.sizedFromData(c.categorical().get(f));
            buckets[f] = sized[f] ? BucketSizing.READ_WIDTH : buckets[f];
        }
        return new FeatureEncoder(spec.actions(), c.categorical(), buckets, e.hashSeed(), c.numerical(), e.numericalTransform(),
                null, MissingValues.UNKNOWN, sized);
    }

    /**
     * The same encoder with these numerical statistics, features seen missing in training and buckets, as
     * {@link EncoderFit} finds them.
     *
     * @param fittedBuckets [categoricalFields] the user-set sizes as they are, the data-sized ones chosen by {@link BucketSizing}
     */
    FeatureEncoder fitted(NumericalStats fitted, List<String> seenMissing, int[] fittedBuckets) {
        for (int f = 0; f < buckets.length; f++) {
            if (!sizeFromData[f] && fittedBuckets[f] != buckets[f]) {
                throw new IllegalArgumentException("field " + categorical.get(f) + " has " + buckets[f] + " buckets set by the spec");
            }
        }
        return new FeatureEncoder(actions, categorical, fittedBuckets, hashSeed, numerical, transform, fitted,
                new MissingValues(seenMissing, missing.dropout()));
    }

    /** Whether categorical field {@code field} is read at {@link BucketSizing#READ_WIDTH} and sized by the fit. */
    public boolean sizedFromData(int field) {
        return sizeFromData[field];
    }

    /** The same encoder for a model trained with missing dropout {@code p}, which therefore learned every feature missing. */
    public FeatureEncoder withMissingDropout(double p) {
        return new FeatureEncoder(actions, categorical, buckets, hashSeed, numerical, transform, stats, missing.withDropout(p),
                sizeFromData);
    }

    /** Bucket of {@code value} in categorical field {@code field}. */
    public int bucket(int field, String value) {
        return FeatureHasher.bucket(value, fieldSeeds[field], buckets[field]);
    }

    /** Model input for a raw value of numerical field {@code field}; NaN (missing) maps to 0. */
    public float numerical(int field, double raw) {
        if (Double.isNaN(raw)) {
            return MISSING_INPUT;
        }
        if (!transform.standardizes()) {
            return (float) raw;
        }
        requireFitted();
        return (float) ((transform.shape(raw) - stats.mean()[field]) / stats.std()[field]);
    }

    /**
     * Replaces the raw values of {@code batch} by model inputs, in place: numerical values as read are
     * transformed, and the buckets of a data-sized field, read at {@link BucketSizing#READ_WIDTH} by the
     * unfitted encoder, are narrowed to this encoder's size. Rows read by this encoder itself keep their buckets.
     */
    public void encode(Batch batch) {
        float[] values = batch.numerical();
        int fields = numerical.size();
        for (int i = 0; i < batch.size(); i++) {
            for (int f = 0; f < fields; f++) {
                values[i * fields + f] = numerical(f, values[i * fields + f]);
            }
        }
        int[] ids = batch.categorical();
        int cf = buckets.length;
        for (int f = 0; f < cf; f++) {
            int size = buckets[f];
            for (int i = f; i < ids.length; i += cf) {
                if (ids[i] >= size) {
                    ids[i] = narrowed(f, ids[i]);
                }
            }
        }
    }

    private int narrowed(int field, int bucket) {
        int size = buckets[field];
        if (bucket >= BucketSizing.READ_WIDTH || Integer.bitCount(size - 1) != 1) {
            throw new IllegalStateException("bucket " + bucket + " of field " + categorical.get(field) + " is beyond its "
                    + size + " buckets, which a data-sized field's read could not give");
        }
        return BucketSizing.narrow(bucket, size);
    }

    private void requireFitted() {
        if (stats == null) {
            throw new IllegalStateException("numerical statistics are not fitted: fit the encoder on the training rows first (EncoderFit)");
        }
    }

    public boolean fitted() {
        return stats != null || numerical.isEmpty() || !transform.standardizes();
    }

    public List<String> actions() {
        return actions;
    }

    public int actionIndex(String name) {
        return actions.indexOf(name);
    }

    public List<String> categoricalFields() {
        return categorical;
    }

    public List<String> numericalFields() {
        return numerical;
    }

    /** The categorical features, then the numerical ones. */
    public List<String> allFields() {
        List<String> all = new ArrayList<>(categorical);
        all.addAll(numerical);
        return all;
    }

    /** [categoricalFields] buckets of each field. */
    public int[] buckets() {
        return buckets.clone();
    }

    /** [categoricalFields] first row of each field in a single shared embedding table. */
    public int[] fieldOffsets() {
        return fieldOffsets.clone();
    }

    /** Rows of a single shared embedding table covering every field. */
    public int totalBuckets() {
        return buckets.length == 0 ? 0 : fieldOffsets[buckets.length - 1] + buckets[buckets.length - 1];
    }

    public int hashSeed() {
        return hashSeed;
    }

    public NumericalTransform transform() {
        return transform;
    }

    /** The fitted statistics, or null before the fit ({@link EncoderFit}). */
    public NumericalStats stats() {
        return stats;
    }

    /** Which features the model learned to see missing. */
    public MissingValues missing() {
        return missing;
    }
}
