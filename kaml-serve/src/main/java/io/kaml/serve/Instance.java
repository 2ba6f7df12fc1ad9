package io.kaml.serve;

import java.util.Map;
import java.util.Objects;

/**
 * One row to score: its raw features by name and, optionally, the action its advertiser targets.
 *
 * @param features feature name → value: a String, or a Number (an integer for a categorical feature);
 *                 a feature left out or null is missing, as an empty cell is in the training data
 * @param target   the targeted action's name, or null when the caller wants no served score
 */
public record Instance(Map<String, ?> features, String target) {
    public Instance {
        Objects.requireNonNull(features, "features");
    }
}
