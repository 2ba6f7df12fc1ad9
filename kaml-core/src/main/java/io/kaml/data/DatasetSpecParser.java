package io.kaml.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code dataset.yaml}. Every problem (an unknown key, a missing key, a value of the wrong type,
 * labels that do not match the actions) is a {@link DataException} naming the file and the key, e.g.
 * {@code dataset.yaml: key 'columns.labels': no label column for action 'payment'}.
 */
public final class DatasetSpecParser {
    private static final Set<String> TOP = Set.of("actions", "files", "log", "split", "day_format", "tables", "truth",
            "separator", "columns", "encoding");
    private static final Set<String> COLUMNS = Set.of("id", "advertiser", "target", "day", "labels", "numerical", "categorical");
    private static final Set<String> ENCODING = Set.of("buckets", "field_buckets", "numerical_transform", "hash_seed");
    private static final Set<String> FILES = Set.of("train", "valid", "test");
    private static final Set<String> SPLIT = Set.of("train", "valid", "test", "valid_days", "test_days");
    private static final Set<String> TABLE = Set.of("file", "key", "on", "missing");

    private final Path source;

    private DatasetSpecParser(Path source) {
        this.source = source;
    }

    public static DatasetSpec parse(Path yaml) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readString(yaml));
        } catch (NoSuchFileException e) {
            throw new DataException(yaml, "dataset spec not found", e);
        } catch (JsonProcessingException e) {
            throw new DataException(yaml, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
                    "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DataException(yaml, "cannot read: " + e.getMessage(), e);
        }
        return new DatasetSpecParser(yaml).spec(root);
    }

    private DatasetSpec spec(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw error("", "expected a mapping with keys " + sorted(TOP));
        }
        checkKeys(root, "", TOP);
        List<String> actions = stringList(require(root, "actions", ""), "actions");
        if (actions.isEmpty()) {
            throw error("actions", "needs at least one action");
        }
        unique(actions, "actions");
        Path dir = source.toAbsolutePath().getParent();

        if (root.has("files") == root.has("log")) {
            throw error("", "name the samples either per split (files: {train, valid, test}) or as one log split by day"
                    + " (log: ... with split: ...), not " + (root.has("files") ? "both" : "neither"));
        }
        Map<Split, FileSet> files = new EnumMap<>(Split.class);
        FileSet log = null;
        DaySplit daySplit = null;
        DayFormat dayFormat = root.has("day_format") ? dayFormat(root.get("day_format")) : DayFormat.INTEGER;
        if (root.has("files")) {
            JsonNode filesNode = root.get("files");
            checkKeys(filesNode, "files", FILES);
            if (root.has("split")) {
                throw error("split", "only goes with 'log' (the split files already split the data)");
            }
            for (Split split : Split.values()) {
                files.put(split, fileSet(require(filesNode, split.key(), "files"), "files." + split.key(), dir));
            }
        } else {
            log = fileSet(root.get("log"), "log", dir);
            daySplit = daySplit(require(root, "split", ""), dayFormat);
        }
        Path truth = root.has("truth") ? dir.resolve(text(root.get("truth"), "truth")) : null;
        char separator = root.has("separator") ? separator(root.get("separator")) : 0;
        List<TableSpec> tables = root.has("tables") ? tables(root.get("tables"), dir) : List.of();
        ColumnMapping columns = columns(require(root, "columns", ""), actions, tables);
        EncodingOptions encoding = root.has("encoding") ? encoding(root.get("encoding"), columns) : EncodingOptions.defaults();
        return new DatasetSpec(source, actions, files, log, daySplit, truth, separator, columns, encoding, dayFormat, tables);
    }

    /** A string or a list of strings: files, directories or globs. */
    private FileSet fileSet(JsonNode node, String path, Path dir) {
        List<String> entries = node.isArray() ? stringList(node, path) : List.of(text(node, path));
        if (entries.isEmpty()) {
            throw error(path, "names no file");
        }
        return new FileSet(path, entries, dir, source);
    }

    private DayFormat dayFormat(JsonNode node) {
        try {
            return DayFormat.parseKey(text(node, "day_format"));
        } catch (IllegalArgumentException e) {
            throw error("day_format", e.getMessage());
        }
    }

    /** {@code {valid_days: N, test_days: N}} or {@code {train: [first, last], valid: ..., test: ...}}. */
    private DaySplit daySplit(JsonNode node, DayFormat format) {
        checkKeys(node, "split", SPLIT);
        boolean counts = node.has("valid_days") || node.has("test_days");
        boolean ranges = node.has("train") || node.has("valid") || node.has("test");
        if (counts == ranges) {
            throw error("split", "give either valid_days and test_days, or train, valid and test day ranges");
        }
        try {
            if (counts) {
                return DaySplit.lastDays(integer(require(node, "valid_days", "split"), "split.valid_days"),
                        integer(require(node, "test_days", "split"), "split.test_days"));
            }
            Map<Split, DayRange> out = new EnumMap<>(Split.class);
            for (Split split : Split.values()) {
                out.put(split, dayRange(require(node, split.key(), "split"), "split." + split.key(), format));
            }
            return DaySplit.ranges(out);
        } catch (IllegalArgumentException e) {
            throw error("split", e.getMessage());
        }
    }

    /** One day, or {@code [first, last]}, written in the log's day format. */
    private DayRange dayRange(JsonNode node, String path, DayFormat format) {
        List<String> days = node.isArray() ? stringList(node, path) : List.of(text(node, path));
        if (days.isEmpty() || days.size() > 2) {
            throw error(path, "expected one day or [first, last], got " + days.size() + " values");
        }
        try {
            return new DayRange(format.parse(days.getFirst()), format.parse(days.getLast()));
        } catch (IllegalArgumentException e) {
            throw error(path, e.getMessage() + " (day_format: " + format.key() + ")");
        }
    }

    private List<TableSpec> tables(JsonNode node, Path dir) {
        if (!node.isObject()) {
            throw error("tables", "expected a mapping of table names to {file, key, on, missing}");
        }
        List<TableSpec> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String path = "tables." + name;
            if (name.isEmpty() || name.contains(".")) {
                throw error(path, "a table name must be non-empty and contain no '.' (features name its columns as <table>.<column>)");
            }
            JsonNode t = node.get(name);
            checkKeys(t, path, TABLE);
            String key = text(require(t, "key", path), path + ".key");
            String on = t.has("on") ? text(t.get("on"), path + ".on") : key;
            Set<String> missing = t.has("missing") ? new HashSet<>(stringList(t.get("missing"), path + ".missing")) : Set.of();
            out.add(new TableSpec(name, fileSet(require(t, "file", path), path + ".file", dir), key, on, missing));
        }
        return out;
    }

    private ColumnMapping columns(JsonNode node, List<String> actions, List<TableSpec> tables) {
        checkKeys(node, "columns", COLUMNS);
        JsonNode labelsNode = require(node, "labels", "columns");
        checkKeys(labelsNode, "columns.labels", new HashSet<>(actions));
        Map<String, String> labels = new LinkedHashMap<>();
        for (String action : actions) {
            if (!labelsNode.has(action)) {
                throw error("columns.labels", "no label column for action '" + action + "'");
            }
            labels.put(action, text(labelsNode.get(action), "columns.labels." + action));
        }
        List<String> numerical = node.has("numerical") ? stringList(node.get("numerical"), "columns.numerical") : List.of();
        List<String> categorical = node.has("categorical") ? stringList(node.get("categorical"), "columns.categorical") : List.of();
        if (numerical.isEmpty() && categorical.isEmpty()) {
            throw error("columns", "declares no feature: add columns.categorical and/or columns.numerical");
        }
        ColumnMapping mapping = new ColumnMapping(
                node.has("id") ? text(node.get("id"), "columns.id") : null,
                text(require(node, "advertiser", "columns"), "columns.advertiser"),
                text(require(node, "target", "columns"), "columns.target"),
                text(require(node, "day", "columns"), "columns.day"),
                labels, numerical, categorical);
        List<String> all = new ArrayList<>();
        if (mapping.id() != null) {
            all.add(mapping.id());
        }
        all.addAll(List.of(mapping.advertiser(), mapping.target(), mapping.day()));
        all.addAll(labels.values());
        all.addAll(numerical);
        all.addAll(categorical);
        unique(all, "columns");
        List<String> logOnly = new ArrayList<>(all);
        logOnly.removeAll(numerical);
        logOnly.removeAll(categorical);
        tables.forEach(t -> logOnly.add(t.on()));
        for (String column : logOnly) {
            TableSpec table = tables.stream().filter(t -> column.startsWith(t.prefix())).findFirst().orElse(null);
            if (table != null) {
                throw error("columns", "'" + column + "' names a column of table '" + table.name()
                        + "': only features may come from tables; id, advertiser, target, day, labels and join keys are log columns");
            }
        }
        return mapping;
    }

    private EncodingOptions encoding(JsonNode node, ColumnMapping columns) {
        checkKeys(node, "encoding", ENCODING);
        EncodingOptions d = EncodingOptions.defaults();
        int buckets = node.has("buckets") ? integer(node.get("buckets"), "encoding.buckets") : d.buckets();
        Map<String, Integer> fieldBuckets = new LinkedHashMap<>();
        if (node.has("field_buckets")) {
            JsonNode fb = node.get("field_buckets");
            checkKeys(fb, "encoding.field_buckets", new HashSet<>(columns.categorical()));
            for (Iterator<String> it = fb.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                fieldBuckets.put(field, integer(fb.get(field), "encoding.field_buckets." + field));
            }
        }
        NumericalTransform transform = d.numericalTransform();
        if (node.has("numerical_transform")) {
            try {
                transform = NumericalTransform.parse(text(node.get("numerical_transform"), "encoding.numerical_transform"));
            } catch (IllegalArgumentException e) {
                throw error("encoding.numerical_transform", e.getMessage());
            }
        }
        int seed = node.has("hash_seed") ? integer(node.get("hash_seed"), "encoding.hash_seed") : d.hashSeed();
        try {
            return new EncodingOptions(buckets, fieldBuckets, transform, seed);
        } catch (IllegalArgumentException e) {
            throw new DataException(source, 0, null, e.getMessage());
        }
    }

    private char separator(JsonNode node) {
        String s = text(node, "separator");
        if (s.equals("tab") || s.equals("\t")) {
            return '\t';
        }
        if (s.length() != 1) {
            throw error("separator", "must be one character or 'tab', got '" + s + "'");
        }
        return s.charAt(0);
    }

    private void checkKeys(JsonNode node, String path, Set<String> allowed) {
        if (!node.isObject()) {
            throw error(path, "expected a mapping with keys " + sorted(allowed));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw error(join(path, key), "unknown key (allowed here: " + sorted(allowed) + ")");
            }
        }
    }

    private JsonNode require(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw error(join(path, key), "missing");
        }
        return value;
    }

    private String text(JsonNode node, String path) {
        if (!node.isTextual() && !node.isNumber()) {
            throw error(path, "expected a string, got " + node.getNodeType().name().toLowerCase());
        }
        String s = node.asText();
        if (s.isEmpty()) {
            throw error(path, "must not be empty");
        }
        return s;
    }

    private int integer(JsonNode node, String path) {
        if (!node.isInt()) {
            throw error(path, "expected an integer, got '" + node.asText() + "'");
        }
        return node.intValue();
    }

    private List<String> stringList(JsonNode node, String path) {
        if (!node.isArray()) {
            throw error(path, "expected a list, got " + node.getNodeType().name().toLowerCase());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(text(node.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private void unique(List<String> names, String path) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw error(path, "'" + name + "' appears twice");
            }
        }
    }

    private DataException error(String path, String reason) {
        return new DataException(source, 0, null, path.isEmpty() ? reason : "key '" + path + "': " + reason);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
