package io.kaml.data;

import java.util.Locale;

/**
 * How a numerical column becomes a model input. Statistics always come from the training split so
 * that valid, test and serving see the same mapping. A missing value (empty cell) maps to 0, the
 * training mean after standardisation, so it carries no signal rather than an arbitrary one.
 */
public enum NumericalTransform {
    /** {@code (sign(x) * log1p(|x|) - mean) / std}: tames the heavy tails of prices and counts. */
    LOG_STANDARDIZE,
    /** {@code (x - mean) / std}. */
    STANDARDIZE,
    /** The raw value (missing still maps to 0). */
    NONE;

    /** The value before standardisation. */
    public double shape(double x) {
        return this == LOG_STANDARDIZE ? Math.signum(x) * Math.log1p(Math.abs(x)) : x;
    }

    public boolean standardizes() {
        return this != NONE;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NumericalTransform parse(String key) {
        for (NumericalTransform t : values()) {
            if (t.key().equals(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown numerical transform '" + key
                + "' (expected log_standardize, standardize or none)");
    }
}
