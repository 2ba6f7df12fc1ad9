package io.kaml.data;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Positions of the spec's columns in one file's header, and the row checks of the data contract that
 * every reader of sample files shares (field count, target action, labels, advertiser). Built once per
 * file; a missing column is an error naming the file, line 1 and the column.
 *
 * @param id -1 when the spec declares no id column
 */
record RowLayout(Path file, DatasetSpec spec, int fieldCount, int id, int advertiser, int target, int day, int[] labels,
                 String[] labelNames, int[] numerical, int[] categorical) {

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
        return new RowLayout(file, spec, names.size(),
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

    /** Fails unless the row has as many fields as the header. */
    void checkFieldCount(CsvRecord r) {
        if (r.getFieldCount() != fieldCount) {
            throw new DataException(file, r.getStartingLineNumber(), null,
                    "expected " + fieldCount + " fields (as in the header), got " + r.getFieldCount());
        }
    }

    /** The index of the row's target action. */
    int targetOf(CsvRecord r) {
        String name = r.getField(target);
        int index = spec.actionIndex(name);
        if (index < 0) {
            throw new DataException(file, r.getStartingLineNumber(), spec.columns().target(),
                    "unknown target action '" + name + "' (actions: " + spec.actions() + ")");
        }
        return index;
    }

    /**
     * Reads every label of the row into {@code out}: 1, 0 or {@link Batch#UNKNOWN} for an empty cell.
     * The target action's label must be reported.
     */
    void labelsOf(CsvRecord r, int targetAction, byte[] out) {
        long line = r.getStartingLineNumber();
        for (int j = 0; j < out.length; j++) {
            out[j] = switch (r.getField(labels[j])) {
                case "1" -> 1;
                case "0" -> 0;
                case "" -> Batch.UNKNOWN;
                default -> throw new DataException(file, line, labelNames[j], "label must be 1, 0 or empty, got '" + r.getField(labels[j]) + "'");
            };
        }
        if (out[targetAction] == Batch.UNKNOWN) {
            throw new DataException(file, line, labelNames[targetAction], "the target action's label must be reported (1 or 0), got empty");
        }
    }

    /** The row's advertiser, which must not be empty. */
    String advertiserOf(CsvRecord r) {
        String name = r.getField(advertiser);
        if (name.isEmpty()) {
            throw new DataException(file, r.getStartingLineNumber(), spec.columns().advertiser(), "advertiser must not be empty");
        }
        return name;
    }

    @FunctionalInterface
    private interface Finder {
        int at(String column);
    }
}
