package io.kaml.data;

import java.util.List;

/**
 * Which features a model learned to see missing. A missing feature reaches the model as a fixed input,
 * bucket 0 of a categorical field or 0 for a numerical one; unless training rows held it, that input
 * was never trained (bucket 0's embedding keeps its random start, and a numerical 0 is read as the
 * training mean of a standardised field), so a row missing such a feature would get a guessed score.
 * {@link MissingRule} refuses those rows.
 *
 * @param seen    the features that were empty in at least one training row, in the encoder's field
 *                order; null when that is not known: an encoder not fitted yet, or one read from a model
 *                file written before kaml recorded it, which therefore learned no feature as missing
 * @param dropout the probability with which training replaced each input by "missing" (see
 *                {@code TrainConfig#missingDropout}); above 0, training saw every feature missing
 */
public record MissingValues(List<String> seen, double dropout) {
    /** Nothing known, no dropout. */
    public static final MissingValues UNKNOWN = new MissingValues(null, 0);

    public MissingValues {
        seen = seen == null ? null : List.copyOf(seen);
        requireProbability(dropout);
    }

    /** Fails unless {@code p} is a probability below 1 (at 1 no input would ever be present). */
    public static void requireProbability(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("the missing dropout must be at least 0 and below 1, got " + p);
        }
    }

    /** Whether the model learned an input for {@code feature} being missing. */
    public boolean learned(String feature) {
        return dropout > 0 || seen != null && seen.contains(feature);
    }

    public MissingValues withDropout(double p) {
        return new MissingValues(seen, p);
    }
}
