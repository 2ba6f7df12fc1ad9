package io.kaml.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each feature of the spec comes from in one log file: a log column, or a column of a side table
 * joined on a log column. {@link #join} looks up every table once per row; {@link #categorical} and
 * {@link #number} then read the log or the joined rows, missing ({@code ""}, NaN) when the key was not
 * in the table.
 */
final class FeatureLayout {
    private final RowSource source;
    private final List<FeatureTable> tables;
    private final int[] joinOn;
    private final String[][] joined;
    private final Column[] categorical;
    private final Column[] numerical;

    /** A feature's cell: log column {@code column} when {@code table < 0}, else column {@code column} of joined table {@code table}. */
    private record Column(int table, int column) {
    }

    private FeatureLayout(RowSource source, DatasetSpec spec, List<FeatureTable> tables) {
        this.source = source;
        this.tables = tables;
        joinOn = tables.stream().mapToInt(t -> RowLayout.position(source, spec, t.spec().on())).toArray();
        joined = new String[tables.size()][];
        categorical = spec.columns().categorical().stream().map(f -> column(spec, f)).toArray(Column[]::new);
        numerical = spec.columns().numerical().stream().map(f -> column(spec, f)).toArray(Column[]::new);
    }

    static FeatureLayout of(RowSource source, DatasetSpec spec, List<FeatureTable> tables) {
        return new FeatureLayout(source, spec, tables);
    }

    /** The log columns features need: log features and the columns tables are joined on. */
    static List<String> logColumnsOf(DatasetSpec spec) {
        List<String> out = new ArrayList<>();
        for (String f : features(spec)) {
            if (spec.tableOf(f) == null) {
                out.add(f);
            }
        }
        spec.tables().forEach(t -> out.add(t.on()));
        return out;
    }

    /** For each table, the columns (without prefix) that the spec's features use, in feature order. */
    static Map<TableSpec, List<String>> tableColumnsOf(DatasetSpec spec) {
        Map<TableSpec, List<String>> out = new LinkedHashMap<>();
        spec.tables().forEach(t -> out.put(t, new ArrayList<>()));
        for (String f : features(spec)) {
            TableSpec table = spec.tableOf(f);
            if (table != null) {
                out.get(table).add(f.substring(table.prefix().length()));
            }
        }
        return out;
    }

    /** Every feature name of the spec: categorical, then numerical. */
    private static List<String> features(DatasetSpec spec) {
        List<String> features = new ArrayList<>(spec.columns().categorical());
        features.addAll(spec.columns().numerical());
        return features;
    }

    private Column column(DatasetSpec spec, String feature) {
        TableSpec table = spec.tableOf(feature);
        if (table == null) {
            return new Column(-1, RowLayout.position(source, spec, feature));
        }
        for (int t = 0; t < tables.size(); t++) {
            if (tables.get(t).spec().equals(table)) {
                return new Column(t, tables.get(t).columnIndex(feature.substring(table.prefix().length())));
            }
        }
        throw new IllegalStateException("table '" + table.name() + "' was not loaded");
    }

    /**
     * Looks up the current row in every table.
     *
     * @param unmatched [tables] counts of rows whose key a table lacks, incremented here
     */
    void join(long[] unmatched) {
        for (int t = 0; t < joined.length; t++) {
            joined[t] = tables.get(t).row(source.cell(joinOn[t]));
            if (joined[t] == null) {
                unmatched[t]++;
            }
        }
    }

    /** Cell of categorical feature {@code f} of the current (joined) row. */
    String categorical(int f) {
        return cell(categorical[f]);
    }

    /**
     * Numerical feature {@code f} of the current (joined) row, NaN when missing.
     *
     * @throws NumberFormatException naming the value when it is not a number kaml reads
     */
    double number(int f) {
        Column c = numerical[f];
        return c.table < 0 ? source.number(c.column) : CellNumbers.parseNumber(cell(c));
    }

    private String cell(Column c) {
        if (c.table < 0) {
            return source.cell(c.column);
        }
        String[] row = joined[c.table];
        return row == null ? "" : row[c.column];
    }
}
