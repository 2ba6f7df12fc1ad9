package io.kaml.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A dataset as described by its {@code dataset.yaml}: the actions (tasks) in order, the split files,
 * the column mapping and the encoding options. Paths are resolved against the spec's directory.
 * Load one with {@link DatasetSpecParser#parse(Path)}.
 *
 * @param source    the yaml file this spec was read from (for messages)
 * @param truth     optional ground-truth file (the simulator writes one), or null
 * @param separator the field separator, or 0 to choose per file: tab for {@code .tsv[.gz]}, else comma
 */
public record DatasetSpec(
        Path source,
        List<String> actions,
        Map<Split, Path> files,
        Path truth,
        char separator,
        ColumnMapping columns,
        EncodingOptions encoding) {

    public DatasetSpec {
        actions = List.copyOf(actions);
        files = Map.copyOf(files);
    }

    public int actionCount() {
        return actions.size();
    }

    /** Index of an action name, or -1. */
    public int actionIndex(String name) {
        return actions.indexOf(name);
    }

    public Path file(Split split) {
        return files.get(split);
    }

    /** The separator for one file: the declared one, else by extension. */
    public char separatorFor(Path file) {
        if (separator != 0) {
            return separator;
        }
        String name = file.getFileName().toString();
        return name.endsWith(".tsv") || name.endsWith(".tsv.gz") ? '\t' : ',';
    }
}
