package io.kaml.data;

/**
 * A columnar block of encoded samples, the unit every later stage consumes. All arrays are row-major.
 *
 * @param size        number of samples {@code n}
 * @param categorical [n, categoricalFields] bucket of each categorical field (0 = missing)
 * @param numerical   [n, numericalFields] numerical features; as read they are raw values with NaN
 *                    for missing, after {@link FeatureEncoder#encodeNumerical(Batch)} model inputs
 * @param labels      [n, actions] observed label: 1, 0, or {@link #UNKNOWN}
 * @param target      [n] index of the sample's target action
 * @param advertiser  [n] dense advertiser index (see {@link AdvertiserIndex})
 * @param day         [n] day number
 * @param ids         [n] sample ids when the spec declares an id column, else null
 */
public record Batch(
        int size,
        int categoricalFields,
        int numericalFields,
        int actions,
        int[] categorical,
        float[] numerical,
        byte[] labels,
        int[] target,
        int[] advertiser,
        int[] day,
        String[] ids) {

    public static final byte UNKNOWN = -1;

    public Batch {
        check("categorical", categorical.length, (long) size * categoricalFields);
        check("numerical", numerical.length, (long) size * numericalFields);
        check("labels", labels.length, (long) size * actions);
        check("target", target.length, size);
        check("advertiser", advertiser.length, size);
        check("day", day.length, size);
        if (ids != null) {
            check("ids", ids.length, size);
        }
    }

    private static void check(String name, int actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("batch field " + name + " has length " + actual + ", expected " + expected);
        }
    }

    /** Observed label of sample {@code i} for action {@code j}: 1, 0 or {@link #UNKNOWN}. */
    public byte label(int i, int j) {
        return labels[i * actions + j];
    }

    /** Observed label of sample {@code i} for its own target action. */
    public byte targetLabel(int i) {
        return labels[i * actions + target[i]];
    }
}
