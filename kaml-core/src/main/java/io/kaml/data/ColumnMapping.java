package io.kaml.data;

import java.util.List;
import java.util.Map;

/**
 * Which header column holds what. {@code labels} maps each action, in action order, to its label
 * column; {@code id} is optional (null) and only used to join a ground-truth file.
 */
public record ColumnMapping(
        String id,
        String advertiser,
        String target,
        String day,
        Map<String, String> labels,
        List<String> numerical,
        List<String> categorical) {

    public ColumnMapping {
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
        numerical = List.copyOf(numerical);
        categorical = List.copyOf(categorical);
    }
}
