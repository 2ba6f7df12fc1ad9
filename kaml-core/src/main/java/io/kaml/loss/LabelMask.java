package io.kaml.loss;

import io.kaml.data.Batch;
import java.util.Arrays;
import java.util.Locale;

/**
 * Which observed labels are trusted: the one place that owns mask semantics (METHOD §2), used by the
 * losses during training and by {@code kaml audit} to show users their data through the same eyes.
 *
 * <ul>
 *   <li>{@link Kind#TARGET}: {@code m[i,j] = 1[o_i = j]} — the paper's base: only the label the
 *       advertiser optimises, which it always reports.</li>
 *   <li>{@link Kind#ALL}: {@code m[i,j] = 1[y_ij not empty]} — all-submitted masking: every reported
 *       label, zeros included, is taken as true. The naive baseline.</li>
 *   <li>{@link Kind#ADM}: {@code m[i,j] = 1[o_i = j] OR (y_ij not empty AND c(a_i, j, d_i; T) >= alpha_j)}
 *       — attribution-driven masking: a label counts when its advertiser demonstrably reports that
 *       action, i.e. reported at least {@code alpha_j} conversions of it in the window.</li>
 *   <li>{@link Kind#RELIABLE}: {@code m[i,j] = 1[o_i = j] OR (y_ij not empty AND completeness of (a_i, j)
 *       credibly >= threshold)} — beyond the paper: a label counts when its advertiser demonstrably reports that
 *       action <em>completely</em> ({@link ReportCompleteness}), a reliability test where ADM's is one of volume.</li>
 * </ul>
 */
public final class LabelMask {
    public enum Kind {
        TARGET, ALL, ADM, RELIABLE;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind parse(String key) {
            for (Kind k : values()) {
                if (k.key().equals(key)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown mask '" + key + "' (expected target, all, adm or reliable)");
        }
    }

    private final Kind kind;
    private final AttributionCounts counts;
    private final long[] alpha;
    private final int window;
    private final ReportCompleteness completeness;

    private LabelMask(Kind kind, AttributionCounts counts, long[] alpha, int window, ReportCompleteness completeness) {
        this.kind = kind;
        this.counts = counts;
        this.alpha = alpha;
        this.window = window;
        this.completeness = completeness;
    }

    public static LabelMask target() {
        return new LabelMask(Kind.TARGET, null, null, 0, null);
    }

    public static LabelMask all() {
        return new LabelMask(Kind.ALL, null, null, 0, null);
    }

    /** The reliability-aware mask: trusts the pairs {@code completeness} trusts. */
    public static LabelMask reliable(ReportCompleteness completeness) {
        return new LabelMask(Kind.RELIABLE, null, null, 0, completeness);
    }

    /**
     * @param alpha  [actions] minimum reported conversions in the window for an advertiser's labels of
     *               that action to be trusted
     * @param window T in days, or {@link AttributionCounts#ALL_DAYS}
     */
    public static LabelMask adm(AttributionCounts counts, long[] alpha, int window) {
        for (int j = 0; j < alpha.length; j++) {
            if (alpha[j] < 1) {
                throw new IllegalArgumentException("ADM alpha of action " + j + " must be at least 1, got " + alpha[j]);
            }
        }
        if (window < 0) {
            throw new IllegalArgumentException("ADM window must be a number of days or 0 (all), got " + window);
        }
        return new LabelMask(Kind.ADM, counts, alpha.clone(), window, null);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether sample {@code i}'s label of action {@code j} is trusted. */
    public boolean trusted(Batch batch, int i, int j) {
        return switch (kind) {
            case TARGET -> batch.target()[i] == j;
            case ALL -> batch.label(i, j) != Batch.UNKNOWN;
            case ADM -> batch.target()[i] == j
                    || batch.label(i, j) != Batch.UNKNOWN && reliable(batch.advertiser()[i], j, batch.day()[i]);
            case RELIABLE -> batch.target()[i] == j
                    || batch.label(i, j) != Batch.UNKNOWN && completeness.trusted(batch.advertiser()[i], j);
        };
    }

    /** ADM: whether {@code advertiser}'s reports of {@code action} are trusted on {@code day}. */
    public boolean reliable(int advertiser, int action, int day) {
        return kind == Kind.ADM && evidence(advertiser, action, day) >= alpha[action];
    }

    /** ADM: {@code c(a, j, d; T)}, what {@link #reliable} compares with alpha; 0 for the other masks, which count nothing. */
    public long evidence(int advertiser, int action, int day) {
        return kind == Kind.ADM ? counts.count(advertiser, action, day, window) : 0;
    }

    /** ADM: alpha of {@code action}; 0 for the other masks. */
    public long alpha(int action) {
        return kind == Kind.ADM ? alpha[action] : 0;
    }

    /**
     * Fills {@code mask} for the samples {@code rows[from..to)} of {@code batch}.
     *
     * @param mask [to - from, actions], 1 where trusted, else 0
     */
    public void fill(Batch batch, int[] rows, int from, int to, float[] mask) {
        int a = batch.actions();
        for (int r = from; r < to; r++) {
            int i = rows[r];
            int base = (r - from) * a;
            for (int j = 0; j < a; j++) {
                mask[base + j] = trusted(batch, i, j) ? 1f : 0f;
            }
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ADM -> "adm(alpha=" + Arrays.toString(alpha) + ", window=" + (window == AttributionCounts.ALL_DAYS ? "all" : window + " days") + ")";
            case RELIABLE -> "reliable(threshold=" + completeness.rule().threshold() + ", credibility=" + completeness.rule().credibility() + ")";
            default -> kind.key();
        };
    }
}
