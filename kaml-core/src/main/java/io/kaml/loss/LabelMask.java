package io.kaml.loss;

import io.kaml.data.Batch;
import java.util.Locale;

/**
 * Which observed labels are trusted: the one place that owns mask semantics (METHOD §2–§3), used by the
 * loss during training and by anything that needs to know what a model was trained on.
 *
 * <ul>
 *   <li>{@link Kind#TARGET}: {@code m[i,j] = 1[o_i = j]} — the paper's base: only the label the
 *       advertiser optimises, which it always reports.</li>
 *   <li>{@link Kind#ALL}: {@code m[i,j] = 1[y_ij not empty]} — all-submitted masking: every reported
 *       label, zeros included, is taken as true. The naive baseline.</li>
 * </ul>
 */
public final class LabelMask {
    public enum Kind {
        TARGET, ALL;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind parse(String key) {
            for (Kind k : values()) {
                if (k.key().equals(key)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown mask '" + key + "' (expected target or all)");
        }
    }

    private final Kind kind;

    public LabelMask(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether sample {@code i}'s label of action {@code j} is trusted. */
    public boolean trusted(Batch batch, int i, int j) {
        return switch (kind) {
            case TARGET -> batch.target()[i] == j;
            case ALL -> batch.label(i, j) != Batch.UNKNOWN;
        };
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
}
