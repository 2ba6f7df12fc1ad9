package io.kaml.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Positions of the spec's sample columns (id, advertiser, target, day, labels) in one file, and the
 * row checks of the data contract that every reader of sample files shares (target action, labels,
 * advertiser, day), whatever the file's format. Built once per file; a missing column is an error
 * naming the file and the column. Feature columns are {@link FeatureLayout}'s.
 *
 * @param id -1 when the spec declares no id column
 */
record RowLayout(RowSource source, DatasetSpec spec, int id, int advertiser, int target, int day, int[] labels,
                 String[] labelNames) {

    static RowLayout of(RowSource source, DatasetSpec spec) {
        ColumnMapping c = spec.columns();
        List<String> labelColumns = new ArrayList<>(c.labels().values());
        return new RowLayout(source, spec,
                c.id() == null ? -1 : position(source, spec, c.id()),
                position(source, spec, c.advertiser()), position(source, spec, c.target()), position(source, spec, c.day()),
                labelColumns.stream().mapToInt(column -> position(source, spec, column)).toArray(),
                labelColumns.toArray(String[]::new));
    }

    /** The log columns a reader of samples needs besides features: id, advertiser, target, day, labels. */
    static List<String> columnsOf(DatasetSpec spec) {
        ColumnMapping c = spec.columns();
        List<String> out = new ArrayList<>();
        if (c.id() != null) {
            out.add(c.id());
        }
        out.addAll(List.of(c.advertiser(), c.target(), c.day()));
        out.addAll(c.labels().values());
        return out;
    }

    /** Where {@code column} is in the file; missing is an error naming it and the columns the file has. */
    static int position(RowSource source, DatasetSpec spec, String column) {
        return source.require(column, "declared in " + spec.source().getFileName());
    }

    /** The index of the row's target action. */
    int targetOf() {
        String name = source.cell(target);
        int index = spec.actionIndex(name);
        if (index < 0) {
            throw source.error(spec.columns().target(), "unknown target action '" + name + "' (actions: " + spec.actions() + ")");
        }
        return index;
    }

    /**
     * Reads every label of the row into {@code out}: 1, 0 or {@link Batch#UNKNOWN} for an empty cell.
     * The target action's label must be reported.
     */
    void labelsOf(int targetAction, byte[] out) {
        for (int j = 0; j < out.length; j++) {
            String cell = source.cell(labels[j]);
            // 1.0 and 0.0 too: a label column with nulls is a float column in pandas, and so in its CSV and Parquet.
            out[j] = switch (cell) {
                case "1", "1.0" -> 1;
                case "0", "0.0" -> 0;
                case "" -> Batch.UNKNOWN;
                default -> throw source.error(labelNames[j], "label must be 1, 0 or empty, got '" + cell + "'");
            };
        }
        if (out[targetAction] == Batch.UNKNOWN) {
            throw source.error(labelNames[targetAction], "the target action's label must be reported (1 or 0), got empty");
        }
    }

    /** The row's advertiser, which must not be empty. */
    String advertiserOf() {
        String name = source.cell(advertiser);
        if (name.isEmpty()) {
            throw source.error(spec.columns().advertiser(), "advertiser must not be empty");
        }
        return name;
    }

    /** The row's day number (see {@link DayFormat}). */
    int dayOf() {
        try {
            return spec.dayFormat().parse(source.cell(day));
        } catch (IllegalArgumentException e) {
            throw source.error(spec.columns().day(), e.getMessage());
        }
    }
}
