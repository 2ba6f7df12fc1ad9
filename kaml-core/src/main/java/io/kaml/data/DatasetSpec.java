package io.kaml.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A dataset as described by its {@code dataset.yaml}: the actions (tasks) in order, where the samples
 * are (three split file sets, or one log split by its day column), side tables joined by key, the
 * column mapping and the encoding options. Paths are resolved against the spec's directory.
 * Load one with {@link DatasetSpecParser#parse(Path)}.
 *
 * @param source    the yaml file this spec was read from (for messages)
 * @param files     the files of each split, or empty when the spec names one {@code log}
 * @param log       the one log split by day, or null when the spec names {@code files}
 * @param daySplit  how {@code log} is split by day, or null with {@code files}
 * @param truth     optional ground-truth file (the simulator writes one), or null
 * @param separator the field separator, or 0 to choose per file: tab for {@code .tsv[.gz]}, else comma
 * @param dayFormat how the day column is written
 * @param tables    side tables, joined in this order
 */
public record DatasetSpec(
        Path source,
        List<String> actions,
        Map<Split, FileSet> files,
        FileSet log,
        DaySplit daySplit,
        Path truth,
        char separator,
        ColumnMapping columns,
        EncodingOptions encoding,
        DayFormat dayFormat,
        List<TableSpec> tables) {

    public DatasetSpec {
        actions = List.copyOf(actions);
        files = Map.copyOf(files);
        tables = List.copyOf(tables);
    }

    public int actionCount() {
        return actions.size();
    }

    /** Index of an action name, or -1. */
    public int actionIndex(String name) {
        return actions.indexOf(name);
    }

    /** Where the samples of {@code split} are: its own files, or the whole log. */
    public FileSet filesOf(Split split) {
        return log != null ? log : files.get(split);
    }

    /** The days of {@code split} within the log, or null when splits are separate files (every row counts). */
    public DayRange daysOf(Split split) {
        return daySplit == null ? null : daySplit.resolve(this).get(split);
    }

    /** Where {@code split} comes from, for headers: {@code train.csv.gz}, or {@code log.parquet, days 19107..19118}. */
    public String describe(Split split) {
        DayRange days = daysOf(split);
        return filesOf(split).describe() + (days == null ? "" : ", days " + days.describe(dayFormat));
    }

    /** The table whose columns a feature name refers to ({@code <table>.<column>}), or null for a log column. */
    public TableSpec tableOf(String feature) {
        for (TableSpec table : tables) {
            if (feature.startsWith(table.prefix())) {
                return table;
            }
        }
        return null;
    }

    /** The separator for one file: the declared one, else by extension. */
    public char separatorFor(Path file) {
        return separatorFor(separator, file);
    }

    /** {@code declared} when set (non-zero), else tab for {@code .tsv[.gz]} and comma otherwise. */
    public static char separatorFor(char declared, Path file) {
        if (declared != 0) {
            return declared;
        }
        String name = file.getFileName().toString();
        return name.endsWith(".tsv") || name.endsWith(".tsv.gz") ? '\t' : ',';
    }
}
