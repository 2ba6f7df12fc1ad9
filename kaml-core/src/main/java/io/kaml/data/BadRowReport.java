package io.kaml.data;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts the rows a reader skipped under {@link BadRowPolicy#SKIP}, by reason, with a first example each. */
public final class BadRowReport {
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, String> examples = new LinkedHashMap<>();

    void skip(String reason, DataException example) {
        counts.merge(reason, 1L, Long::sum);
        examples.putIfAbsent(reason, example.getMessage());
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Skipped rows per reason, in order of first occurrence. */
    public Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    /** One line per reason: count, reason and the first offending location. */
    public String summary() {
        if (counts.isEmpty()) {
            return "no rows skipped";
        }
        StringBuilder out = new StringBuilder("skipped " + total() + " bad rows:");
        counts.forEach((reason, n) -> out.append(System.lineSeparator())
                .append(String.format("  %,d %s (first: %s)", n, reason, examples.get(reason))));
        return out.toString();
    }
}
