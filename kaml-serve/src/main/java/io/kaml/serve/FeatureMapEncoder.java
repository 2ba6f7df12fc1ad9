package io.kaml.serve;

import io.kaml.data.CellNumbers;
import io.kaml.data.FeatureEncoder;
import io.kaml.data.MissingRule;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks one request's features against the model's schema and writes them as model inputs, the way
 * {@code FeatureRows} encodes a CSV row for {@code kaml predict}, so both give the same scores:
 * a categorical value is hashed as the text a CSV cell would hold, a numerical one goes through the
 * encoder's transform. A feature left out, null or "" is missing, like an empty cell: accepted (as the
 * reserved bucket 0 for a categorical feature, 0 after encoding for a numerical one) only where
 * {@link MissingRule} accepts it, the same rule {@code kaml predict} applies. A feature name the model
 * does not know is an error, because it is almost always a typo that would otherwise silently score
 * the row as if that feature were missing.
 */
final class FeatureMapEncoder {
    private static final int SHOWN_CHARACTERS = 60;
    private static final String OPT_IN = " (send it, or start the server with --allow-missing)";

    private final FeatureEncoder encoder;
    private final MissingRule missing;
    private final String[] categorical;
    private final String[] numerical;
    private final Set<String> known;

    FeatureMapEncoder(FeatureEncoder encoder, boolean allowMissing) {
        this.encoder = encoder;
        this.missing = new MissingRule(encoder, allowMissing);
        categorical = encoder.categoricalFields().toArray(String[]::new);
        numerical = encoder.numericalFields().toArray(String[]::new);
        known = Set.copyOf(encoder.allFields());
    }

    /** The features a request may leave out: see {@link MissingRule}. */
    List<String> mayBeMissing() {
        return missing.mayBeMissing();
    }

    int categoricalFields() {
        return categorical.length;
    }

    int numericalFields() {
        return numerical.length;
    }

    /**
     * Writes the buckets of {@code features} to {@code ids[idsAt ..]} and the encoded numerical values
     * to {@code values[valuesAt ..]}. Looks up each field of the schema rather than iterating the map,
     * so a valid request allocates nothing here beyond what hashing a value needs.
     *
     * @throws PredictionException naming the first unknown feature, badly typed value or feature missing where
     *                             training never saw it missing
     */
    void encode(Map<String, ?> features, int[] ids, int idsAt, float[] values, int valuesAt) {
        Objects.requireNonNull(features, "features");
        int present = 0;
        // The first feature missing where that is refused; reported after unknown names, since a typo
        // in a name leaves its feature missing and the typo is what the caller must see.
        PredictionException refused = null;
        for (int f = 0; f < categorical.length; f++) {
            Object value = features.get(categorical[f]);
            if (value != null || features.containsKey(categorical[f])) {
                present++;
            }
            int bucket = bucket(f, value);
            if (bucket == FeatureEncoder.MISSING_BUCKET && refused == null) {
                refused = refusal(categorical[f], missing.categorical(f));
            }
            ids[idsAt + f] = bucket;
        }
        for (int f = 0; f < numerical.length; f++) {
            Object value = features.get(numerical[f]);
            if (value != null || features.containsKey(numerical[f])) {
                present++;
            }
            double x = number(f, value);
            if (Double.isNaN(x) && refused == null) {
                refused = refusal(numerical[f], missing.numerical(f));
            }
            values[valuesAt + f] = encoder.numerical(f, x);
        }
        if (present != features.size()) {
            throw unknownFeature(features);
        }
        if (refused != null) {
            throw refused;
        }
    }

    private static PredictionException refusal(String feature, String why) {
        return why == null ? null : new PredictionException("features." + feature, why + OPT_IN);
    }

    private int bucket(int field, Object value) {
        return switch (value) {
            case null -> 0;
            case String text -> encoder.bucket(field, text);
            // An integer id reads as its decimal digits, exactly what the CSV cell of a log would hold.
            case Integer _, Long _, Short _, Byte _, BigInteger _ -> encoder.bucket(field, value.toString());
            default -> throw new PredictionException("features." + categorical[field],
                    "expected a string or an integer (a categorical value), got " + describe(value));
        };
    }

    private double number(int field, Object value) {
        double x;
        switch (value) {
            case null -> {
                return Double.NaN;
            }
            case String text -> {
                try {
                    return CellNumbers.parseNumber(text);
                } catch (NumberFormatException e) {
                    throw new PredictionException("features." + numerical[field], "expected a number, got " + describe(value));
                }
            }
            case Number n -> x = n.doubleValue();
            default -> throw new PredictionException("features." + numerical[field], "expected a number, got " + describe(value));
        }
        if (!Double.isFinite(x)) {
            throw new PredictionException("features." + numerical[field], "expected a finite number, got " + describe(value));
        }
        return x;
    }

    private PredictionException unknownFeature(Map<String, ?> features) {
        for (Object name : features.keySet()) {
            if (name == null || !known.contains(name)) {
                return new PredictionException("features." + name, "unknown feature (the model's features: "
                        + String.join(", ", encoder.allFields()) + ")");
            }
        }
        throw new IllegalStateException("every feature is known, yet the counts differ: " + features.keySet());
    }

    /** A value as an error message shows it: strings quoted and shortened, containers by kind. */
    static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case String text -> "\"" + (text.length() <= SHOWN_CHARACTERS ? text : text.substring(0, SHOWN_CHARACTERS) + "...") + "\"";
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case Map<?, ?> _ -> "an object";
            case Collection<?> _ -> "an array";
            default -> value.getClass().isArray() ? "an array" : "a " + value.getClass().getSimpleName();
        };
    }
}
