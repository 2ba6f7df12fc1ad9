package io.kaml.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What reading did to rows: the rows a reader skipped under {@link BadRowPolicy#SKIP}, by reason, with a
 * first example each; and per split and side table, the rows whose key the table lacked (their
 * features from that table are empty — reported, never an error).
 */
public final class BadRowReport {
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, String> examples = new LinkedHashMap<>();
    private final Map<String, long[]> joins = new LinkedHashMap<>();

    void skip(String reason, DataException example) {
        counts.merge(reason, 1L, Long::sum);
        examples.putIfAbsent(reason, example.getMessage());
    }

    /** Records that of {@code rows} rows of {@code split}, {@code unmatched} found no key in table {@code table}. */
    void joined(Split split, String table, long unmatched, long rows) {
        long[] sum = joins.computeIfAbsent(table, k -> new long[1 + 2 * Split.values().length]);
        sum[0] += rows;
        sum[1 + split.ordinal()] += unmatched;
        sum[1 + Split.values().length + split.ordinal()] = 1;
    }

    /** Rows whose key table {@code table} lacked, over every split read. */
    public long unmatched(String table) {
        long[] sum = joins.get(table);
        long n = 0;
        for (Split split : Split.values()) {
            n += sum == null ? 0 : sum[1 + split.ordinal()];
        }
        return n;
    }

    /** One line per side table: how many rows of the splits read found their key; empty without tables. */
    public String joinSummary() {
        StringBuilder out = new StringBuilder();
        joins.forEach((table, sum) -> {
            long missed = unmatched(table);
            StringBuilder perSplit = new StringBuilder();
            for (Split split : Split.values()) {
                if (sum[1 + Split.values().length + split.ordinal()] == 1) {
                    perSplit.append(perSplit.isEmpty() ? "" : ", ").append(split.key()).append(' ')
                            .append(String.format("%,d", sum[1 + split.ordinal()]));
                }
            }
            out.append(System.lineSeparator()).append(missed == 0
                    ? String.format("  table '%s': every one of %,d rows matched", table, sum[0])
                    : String.format("  table '%s': %,d of %,d rows (%.2f%%) have no match (%s); their features from it are empty",
                    table, missed, sum[0], 100.0 * missed / Math.max(1, sum[0]), perSplit));
        });
        return out.isEmpty() ? "" : "joined side tables:" + out;
    }

    /** Everything worth telling the user after a read (skipped rows, unmatched joins), or "" when there is nothing. */
    public String notes() {
        String joined = joinSummary();
        if (total() == 0) {
            return joined;
        }
        return joined.isEmpty() ? summary() : summary() + System.lineSeparator() + joined;
    }

    /** Two notes as one, a line each; "" when both are. */
    static String joinNotes(String first, String second) {
        return first.isEmpty() ? second : second.isEmpty() ? first : first + System.lineSeparator() + second;
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
