package io.kaml.data;

import java.util.List;

/**
 * A columnar block of encoded samples, the unit every later stage consumes. All arrays are row-major.
 *
 * @param size        number of samples {@code n}
 * @param categorical [n, categoricalFields] bucket of each categorical field (0 = missing)
 * @param numerical   [n, numericalFields] numerical features; as read they are raw values with NaN
 *                    for missing, after {@link FeatureEncoder#encode(Batch)} model inputs
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

    /** The same rows without their features: labels, targets, advertisers, days and ids, as evaluation needs them. */
    public Batch withoutFeatures() {
        return new Batch(size, 0, 0, actions, new int[0], new float[0], labels, target, advertiser, day, ids);
    }

    /** Rows {@code order[from..to)} of this batch, copied into a new batch in that order. */
    public Batch gather(int[] order, int from, int to) {
        int n = to - from;
        int f = categoricalFields;
        int nf = numericalFields;
        int a = actions;
        int[] cat = new int[n * f];
        float[] num = new float[n * nf];
        byte[] lab = new byte[n * a];
        int[] tgt = new int[n];
        int[] adv = new int[n];
        int[] days = new int[n];
        String[] id = ids == null ? null : new String[n];
        for (int r = 0; r < n; r++) {
            int i = order[from + r];
            System.arraycopy(categorical, i * f, cat, r * f, f);
            System.arraycopy(numerical, i * nf, num, r * nf, nf);
            System.arraycopy(labels, i * a, lab, r * a, a);
            tgt[r] = target[i];
            adv[r] = advertiser[i];
            days[r] = day[i];
            if (id != null) {
                id[r] = ids[i];
            }
        }
        return new Batch(n, f, nf, a, cat, num, lab, tgt, adv, days, id);
    }

    /** The rows of {@code parts} one after another; every part has the same fields and actions, and ids in all or none. */
    public static Batch concat(List<Batch> parts) {
        Batch first = parts.getFirst();
        int n = parts.stream().mapToInt(Batch::size).sum();
        int f = first.categoricalFields;
        int nf = first.numericalFields;
        int a = first.actions;
        Batch out = new Batch(n, f, nf, a, new int[n * f], new float[n * nf], new byte[n * a], new int[n], new int[n], new int[n],
                first.ids == null ? null : new String[n]);
        int at = 0;
        for (Batch p : parts) {
            if (p.categoricalFields != f || p.numericalFields != nf || p.actions != a || (p.ids == null) != (first.ids == null)) {
                throw new IllegalArgumentException("batches of different shapes cannot be concatenated");
            }
            System.arraycopy(p.categorical, 0, out.categorical, at * f, p.size * f);
            System.arraycopy(p.numerical, 0, out.numerical, at * nf, p.size * nf);
            System.arraycopy(p.labels, 0, out.labels, at * a, p.size * a);
            System.arraycopy(p.target, 0, out.target, at, p.size);
            System.arraycopy(p.advertiser, 0, out.advertiser, at, p.size);
            System.arraycopy(p.day, 0, out.day, at, p.size);
            if (p.ids != null) {
                System.arraycopy(p.ids, 0, out.ids, at, p.size);
            }
            at += p.size;
        }
        return out;
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
