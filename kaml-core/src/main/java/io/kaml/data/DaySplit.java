package io.kaml.data;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How one log is split by its day column ({@code split:} in dataset.yaml): either explicit day ranges
 * per split, or "the last {@code testDays} days are the test split, the {@code validDays} before them
 * validation, every earlier day training", counted over the distinct days the log holds. The second
 * form needs one pass over the day column, made on first use and remembered.
 */
public final class DaySplit {
    private final int validDays;
    private final int testDays;
    private Map<Split, DayRange> resolved;

    /** @param resolved the explicit ranges, or null to count the last days */
    private DaySplit(Map<Split, DayRange> resolved, int validDays, int testDays) {
        this.resolved = resolved;
        this.validDays = validDays;
        this.testDays = testDays;
    }

    /** Explicit ranges; they must not overlap. */
    public static DaySplit ranges(Map<Split, DayRange> ranges) {
        for (Split a : Split.values()) {
            for (Split b : Split.values()) {
                if (a.ordinal() < b.ordinal() && ranges.get(a).overlaps(ranges.get(b))) {
                    throw new IllegalArgumentException("the " + a.key() + " and " + b.key() + " days overlap");
                }
            }
        }
        return new DaySplit(Map.copyOf(new EnumMap<>(ranges)), 0, 0);
    }

    /** The last {@code testDays} distinct days test, the {@code validDays} before them validation. */
    public static DaySplit lastDays(int validDays, int testDays) {
        if (validDays < 1 || testDays < 1) {
            throw new IllegalArgumentException("valid_days and test_days must be at least 1");
        }
        return new DaySplit(null, validDays, testDays);
    }

    /** The days of every split, scanning the log's day column once if the split counts days. */
    public synchronized Map<Split, DayRange> resolve(DatasetSpec spec) {
        if (resolved == null) {
            resolved = fromDays(spec, scanDays(spec));
        }
        return resolved;
    }

    /** Whether the split counts the log's last days, and so depends on which days the log holds. */
    public boolean countsDays() {
        return validDays > 0;
    }

    /** The days of every split, given the distinct days of the log (read elsewhere, e.g. by a Spark query). */
    public Map<Split, DayRange> resolve(DatasetSpec spec, Collection<Integer> logDays) {
        return countsDays() ? fromDays(spec, new TreeSet<>(logDays)) : resolved;
    }

    private Map<Split, DayRange> fromDays(DatasetSpec spec, TreeSet<Integer> days) {
        List<Integer> sorted = List.copyOf(days);
        int n = sorted.size();
        if (n < validDays + testDays + 1) {
            throw new DataException(spec.source(), 0, null, "key 'split': the log holds " + n + " distinct days" + describe(spec, sorted)
                    + ", too few for " + validDays + " validation and " + testDays + " test days plus at least one training day");
        }
        Map<Split, DayRange> out = new EnumMap<>(Split.class);
        out.put(Split.TRAIN, new DayRange(sorted.getFirst(), sorted.get(n - testDays - validDays - 1)));
        out.put(Split.VALID, new DayRange(sorted.get(n - testDays - validDays), sorted.get(n - testDays - 1)));
        out.put(Split.TEST, new DayRange(sorted.get(n - testDays), sorted.getLast()));
        return Map.copyOf(out);
    }

    private static String describe(DatasetSpec spec, List<Integer> days) {
        return days.isEmpty() ? "" : " (" + spec.dayFormat().format(days.getFirst()) + ".." + spec.dayFormat().format(days.getLast()) + ")";
    }

    /** Distinct parseable days of the log; a bad day is left to the reader, which reports it by row. */
    private static TreeSet<Integer> scanDays(DatasetSpec spec) {
        TreeSet<Integer> days = new TreeSet<>();
        String column = spec.columns().day();
        for (var file : spec.filesOf(Split.TRAIN).resolve()) {
            try (RowSource rows = RowSource.open(file, spec.separatorFor(file), List.of(column))) {
                int at = rows.require(column, "the day column, declared as columns.day in " + spec.source().getFileName());
                int last = Integer.MIN_VALUE;
                while (rows.next()) {
                    String cell = rows.cell(at);
                    try {
                        int day = spec.dayFormat().parse(cell);
                        if (day != last) {
                            days.add(day);
                            last = day;
                        }
                    } catch (IllegalArgumentException e) {
                        // reported with file, row and column when the split is read
                    }
                }
            }
        }
        return days;
    }
}
