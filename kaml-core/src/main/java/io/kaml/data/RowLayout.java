package io.kaml.data;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Positions of the spec's columns in one file's header. Built once per file; a missing column is an
 * error naming the file, line 1 and the column.
 *
 * @param id -1 when the spec declares no id column
 */
record RowLayout(int fieldCount, int id, int advertiser, int target, int day, int[] labels, String[] labelNames,
                 int[] numerical, int[] categorical) {

    static RowLayout of(Path file, CsvRecord header, DatasetSpec spec) {
        Map<String, Integer> position = new HashMap<>();
        List<String> names = header.getFields();
        for (int i = 0; i < names.size(); i++) {
            if (position.putIfAbsent(names.get(i).trim(), i) != null) {
                throw new DataException(file, header.getStartingLineNumber(), names.get(i), "column appears twice in the header");
            }
        }
        ColumnMapping c = spec.columns();
        Finder find = column -> {
            Integer at = position.get(column);
            if (at == null) {
                throw new DataException(file, header.getStartingLineNumber(), column,
                        "missing column (declared in " + spec.source().getFileName() + "; header has " + names + ")");
            }
            return at;
        };
        List<String> labelColumns = new ArrayList<>(c.labels().values());
        return new RowLayout(names.size(),
                c.id() == null ? -1 : find.at(c.id()),
                find.at(c.advertiser()), find.at(c.target()), find.at(c.day()),
                labelColumns.stream().mapToInt(find::at).toArray(),
                labelColumns.toArray(String[]::new),
                c.numerical().stream().mapToInt(find::at).toArray(),
                c.categorical().stream().mapToInt(find::at).toArray());
    }

    String labelColumn(int action) {
        return labelNames[action];
    }

    @FunctionalInterface
    private interface Finder {
        int at(String column);
    }
}
