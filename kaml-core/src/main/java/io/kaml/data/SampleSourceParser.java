package io.kaml.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys of dataset.yaml that say where the samples are: {@code files} entries, {@code log} with its
 * {@code split} and {@code day_format}, and the side {@code tables}.
 */
final class SampleSourceParser {
    private static final Set<String> SPLIT = Set.of("train", "valid", "test", "valid_days", "test_days");
    private static final Set<String> TABLE = Set.of("file", "key", "on", "missing");

    private final SpecKeys keys;
    private final Path dir;

    SampleSourceParser(SpecKeys keys) {
        this.keys = keys;
        this.dir = keys.source().toAbsolutePath().getParent();
    }

    /** A string or a list of strings: files, directories or globs. */
    FileSet fileSet(JsonNode node, String path) {
        List<String> entries = node.isArray() ? keys.stringList(node, path) : List.of(keys.text(node, path));
        if (entries.isEmpty()) {
            throw keys.error(path, "names no file");
        }
        return new FileSet(path, entries, dir, keys.source());
    }

    DayFormat dayFormat(JsonNode node) {
        try {
            return DayFormat.parseKey(keys.text(node, "day_format"));
        } catch (IllegalArgumentException e) {
            throw keys.error("day_format", e.getMessage());
        }
    }

    /** {@code {valid_days: N, test_days: N}} or {@code {train: [first, last], valid: ..., test: ...}}. */
    DaySplit daySplit(JsonNode node, DayFormat format) {
        keys.checkKeys(node, "split", SPLIT);
        boolean counts = node.has("valid_days") || node.has("test_days");
        boolean ranges = node.has("train") || node.has("valid") || node.has("test");
        if (counts == ranges) {
            throw keys.error("split", "give either valid_days and test_days, or train, valid and test day ranges");
        }
        try {
            if (counts) {
                return DaySplit.lastDays(keys.integer(keys.require(node, "valid_days", "split"), "split.valid_days"),
                        keys.integer(keys.require(node, "test_days", "split"), "split.test_days"));
            }
            Map<Split, DayRange> out = new EnumMap<>(Split.class);
            for (Split split : Split.values()) {
                out.put(split, dayRange(keys.require(node, split.key(), "split"), "split." + split.key(), format));
            }
            return DaySplit.ranges(out);
        } catch (IllegalArgumentException e) {
            throw keys.error("split", e.getMessage());
        }
    }

    /** One day, or {@code [first, last]}, written in the log's day format. */
    DayRange dayRange(JsonNode node, String path, DayFormat format) {
        List<String> days = node.isArray() ? keys.stringList(node, path) : List.of(keys.text(node, path));
        if (days.isEmpty() || days.size() > 2) {
            throw keys.error(path, "expected one day or [first, last], got " + days.size() + " values");
        }
        try {
            return new DayRange(format.parse(days.getFirst()), format.parse(days.getLast()));
        } catch (IllegalArgumentException e) {
            throw keys.error(path, e.getMessage() + " (day_format: " + format.key() + ")");
        }
    }

    List<TableSpec> tables(JsonNode node) {
        if (!node.isObject()) {
            throw keys.error("tables", "expected a mapping of table names to {file, key, on, missing}");
        }
        List<TableSpec> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String path = "tables." + name;
            if (name.isEmpty() || name.contains(".")) {
                throw keys.error(path, "a table name must be non-empty and contain no '.' (features name its columns as <table>.<column>)");
            }
            JsonNode t = node.get(name);
            keys.checkKeys(t, path, TABLE);
            String key = keys.text(keys.require(t, "key", path), path + ".key");
            String on = t.has("on") ? keys.text(t.get("on"), path + ".on") : key;
            Set<String> missing = t.has("missing") ? new HashSet<>(keys.stringList(t.get("missing"), path + ".missing")) : Set.of();
            out.add(new TableSpec(name, fileSet(keys.require(t, "file", path), path + ".file"), key, on, missing));
        }
        return out;
    }
}
