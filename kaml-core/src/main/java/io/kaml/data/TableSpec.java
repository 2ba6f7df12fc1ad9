package io.kaml.data;

import java.util.Set;

/**
 * A side table of dataset.yaml's {@code tables:}, joined to every log row by key: the log's column
 * {@code on} holds a value of the table's column {@code key}. Its columns are features named
 * {@code <name>.<column>} in {@code columns.categorical} / {@code columns.numerical}.
 *
 * @param name    the table's name in the spec
 * @param files   its file(s), CSV/TSV or Parquet
 * @param key     the table's key column
 * @param on      the log column joined on (the key's name unless the spec says otherwise)
 * @param missing cell values that mean "missing" in this table (e.g. {@code -124}); they read as empty
 */
public record TableSpec(String name, FileSet files, String key, String on, Set<String> missing) {

    public TableSpec {
        missing = Set.copyOf(missing);
    }

    /** The prefix that marks this table's columns in feature names. */
    public String prefix() {
        return name + ".";
    }
}
