package io.kaml.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A side table held in memory for joining: the columns the spec's features use, one row per key.
 * A duplicate or empty key is an error naming the table, file, row and key; a log row whose key the
 * table lacks gets empty cells (see {@link #row}), which the reader counts.
 */
public final class FeatureTable {
    private final TableSpec spec;
    private final List<String> columns;
    private final Map<String, Integer> rowOfKey = new HashMap<>();
    private final List<String[]> rows = new ArrayList<>();

    private FeatureTable(TableSpec spec, List<String> columns) {
        this.spec = spec;
        this.columns = List.copyOf(columns);
    }

    /**
     * Reads the table's {@code columns} (names without the table prefix) and key column.
     *
     * @param separator the separator for CSV files, or 0 to choose by extension
     */
    public static FeatureTable load(TableSpec spec, List<String> columns, char separator) {
        FeatureTable table = new FeatureTable(spec, columns);
        List<String> wanted = new ArrayList<>(columns);
        wanted.add(spec.key());
        for (Path file : spec.files().resolve()) {
            try (RowSource source = RowSource.open(file, DatasetSpec.separatorFor(separator, file), wanted)) {
                table.read(source);
            }
        }
        return table;
    }

    private void read(RowSource source) {
        int keyAt = source.require(spec.key(), "table '" + spec.name() + "': key column, tables." + spec.name() + ".key");
        int[] at = new int[columns.size()];
        for (int c = 0; c < at.length; c++) {
            at[c] = source.require(columns.get(c), "table '" + spec.name() + "': column of feature '" + spec.prefix() + columns.get(c) + "'");
        }
        while (source.next()) {
            source.checkRow();
            String key = source.cell(keyAt);
            if (key.isEmpty()) {
                throw source.error(spec.key(), "table '" + spec.name() + "': empty key");
            }
            String[] row = new String[at.length];
            for (int c = 0; c < at.length; c++) {
                String cell = source.cell(at[c]);
                row[c] = spec.missing().contains(cell) ? "" : cell;
            }
            if (rowOfKey.putIfAbsent(key, rows.size()) != null) {
                throw source.error(spec.key(), "table '" + spec.name() + "': duplicate key '" + key + "'");
            }
            rows.add(row);
        }
    }

    public TableSpec spec() {
        return spec;
    }

    /** The row of {@code key}, or null when the table has no such key. */
    public String[] row(String key) {
        Integer at = rowOfKey.get(key);
        return at == null ? null : rows.get(at);
    }

    /** Index of a column (name without the table prefix) in the rows {@link #row} returns. */
    public int columnIndex(String column) {
        return columns.indexOf(column);
    }

    public int size() {
        return rows.size();
    }
}
