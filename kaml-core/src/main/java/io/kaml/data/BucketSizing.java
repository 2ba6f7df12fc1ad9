package io.kaml.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many buckets a categorical field gets when the spec does not say: sized from the distinct values
 * the training split holds, so that 400 rows do not make a 100,000-row embedding per field and a
 * field of ten values does not hash into a table of a million.
 *
 * <p>The rule: {@code buckets = 1 + min(2^20, max(4, nextPowerOfTwo(32 × distinct)))} — the 1 is the
 * missing bucket 0; 32 slots per value keeps the share of values that share a bucket with another under
 * 1 − e^(−1/32) ≈ 3% (1.5–3% after rounding up); 2^20 caps a field of ids at 1,048,577 rows. Four slots
 * per value (12–22% sharing) cost the simulator's default world 0.005 test AUC, nearly all of it from ad,
 * campaign and advertiser ids, whose few values each carry many samples: a collision there merges two
 * ads of different quality, or two advertisers with different targets.
 *
 * <p>Why powers of two: the rows are hashed while they are read, before the distinct values are known,
 * so a sized field is read at the widest size, {@link #READ_WIDTH}, and narrowed after the fit by
 * {@link #narrow}. Because {@code buckets − 1} divides 2^20, narrowing gives exactly the bucket that
 * {@link FeatureHasher} gives the value at the final size — what {@code predict} and the server compute
 * from the model file, which records only the final size.
 */
public final class BucketSizing {
    /** The most buckets a sized field gets, besides the missing bucket. */
    public static final int LARGEST = 1 << 20;
    /** Buckets a sized field is read with, before its size is known. */
    public static final int READ_WIDTH = LARGEST + 1;
    static final int SLOTS_PER_VALUE = 32;
    static final int FEWEST = 4;
    /** A user-set field with this many times more buckets than the rule would give it earns a warning. */
    static final int OVERSIZE = 16;
    /** Smaller user-set tables are not worth a warning, whatever their use. */
    static final int WARN_FROM = 4_096;

    /** One field's outcome: its buckets, and the distinct values that led to them. */
    public record Field(String name, int buckets, int distinct, boolean saturated, boolean sizedFromData) {
        /** Whether the user set far more buckets than there are values to fill them. */
        boolean oversized() {
            return !sizedFromData && !saturated && buckets >= WARN_FROM && buckets > OVERSIZE * (long) BucketSizing.buckets(distinct);
        }
    }

    private BucketSizing() {
    }

    /** Buckets of a field with {@code distinct} non-missing values in the training split. */
    public static int buckets(long distinct) {
        long slots = Math.max(FEWEST, Math.min(LARGEST, SLOTS_PER_VALUE * distinct));
        long power = Long.highestOneBit(slots);
        return 1 + (int) (power == slots ? power : power * 2);
    }

    /** How many distinct values to count before the rule's answer stops changing. */
    static int countLimit() {
        return LARGEST / SLOTS_PER_VALUE;
    }

    /**
     * The bucket at size {@code buckets} of a value read at {@link #READ_WIDTH} into {@code bucket}.
     *
     * @param buckets a size the rule gives: {@code buckets − 1} is a power of two of at most 2^20
     */
    static int narrow(int bucket, int buckets) {
        return bucket == FeatureEncoder.MISSING_BUCKET ? bucket : 1 + ((bucket - 1) & (buckets - 2));
    }

    /** What to tell the user about the sizes: the rule's choices, and user-set tables far larger than their values; "" if none. */
    public static String notes(List<Field> fields) {
        List<String> sized = new ArrayList<>();
        List<String> oversized = new ArrayList<>();
        for (Field f : fields) {
            if (f.sizedFromData()) {
                sized.add(String.format(Locale.ROOT, "%s %,d (%s%,d values)", f.name(), f.buckets(), f.saturated() ? "≥ " : "", f.distinct()));
            } else if (f.oversized()) {
                oversized.add(String.format(Locale.ROOT, "%s %,d buckets for %,d values", f.name(), f.buckets(), f.distinct()));
            }
        }
        List<String> lines = new ArrayList<>();
        if (!sized.isEmpty()) {
            lines.add("encoding: buckets sized from the training split's distinct values (32 per value, rounded up to a power of two,"
                    + " + 1 for missing; set encoding.buckets or field_buckets to choose): " + String.join(", ", sized));
        }
        if (!oversized.isEmpty()) {
            lines.add("encoding: warning: far more buckets than training values, so most embedding rows never train but fill the model"
                    + " and checkpoint files: " + String.join(", ", oversized) + "; lower encoding.buckets/field_buckets or remove"
                    + " them to size the fields from the data");
        }
        return String.join("\n", lines);
    }
}
