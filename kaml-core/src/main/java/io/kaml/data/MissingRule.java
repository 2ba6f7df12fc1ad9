package io.kaml.data;

import java.util.List;

/**
 * The one rule for scoring a row with a feature missing, shared by {@code kaml predict} and serving so
 * that both accept and refuse the same rows: a feature may be missing (an empty cell, a value left out,
 * null or "") only when the model learned to see it missing ({@link MissingValues}); else the row is
 * refused, because its score would rest on an input training never shaped. {@code allowMissing} (the
 * {@code --allow-missing} flag) scores such rows anyway, as kaml did before it recorded missing values.
 */
public final class MissingRule {
    /** [categorical fields] and [numerical fields]: whether a row may leave it missing. */
    private final boolean[] categorical;
    private final boolean[] numerical;
    private final List<String> mayBeMissing;
    private final String refusal;

    public MissingRule(FeatureEncoder encoder, boolean allowMissing) {
        MissingValues missing = encoder.missing();
        mayBeMissing = encoder.allFields().stream().filter(feature -> allowMissing || missing.learned(feature)).toList();
        categorical = accepted(encoder.categoricalFields());
        numerical = accepted(encoder.numericalFields());
        refusal = missing.seen() != null ? "missing, and training never saw it missing"
                : "missing, and this model file (written before kaml recorded missing values) does not say whether training saw it missing";
    }

    private boolean[] accepted(List<String> fields) {
        boolean[] out = new boolean[fields.size()];
        for (int f = 0; f < out.length; f++) {
            out[f] = mayBeMissing.contains(fields.get(f));
        }
        return out;
    }

    /** The features a row may leave missing, categorical then numerical. */
    public List<String> mayBeMissing() {
        return mayBeMissing;
    }

    /** Null when a row may leave categorical field {@code field} missing (bucket 0), else why not, without the feature's name. */
    public String categorical(int field) {
        return categorical[field] ? null : refusal;
    }

    /** Null when a row may leave numerical field {@code field} missing (NaN), else why not, without the feature's name. */
    public String numerical(int field) {
        return numerical[field] ? null : refusal;
    }
}
