package io.kaml.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
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

    private final Path source;
    private final SpecKeys keys;
    private final SampleSourceParser samples;

    private DatasetSpecParser(Path source) {
        this.source = source;
        this.keys = new SpecKeys(source);
        this.samples = new SampleSourceParser(keys);
    }

    /** A spec is a few hundred bytes; anything far larger is not one (e.g. a path to /dev/zero or a data file). */
    static final long MAX_SPEC_BYTES = 1 << 20;

    public static DatasetSpec parse(Path yaml) {
        String text;
        try {
            if (Files.exists(yaml) && !Files.isRegularFile(yaml)) {
                throw new DataException(yaml, 0, null, "a dataset spec must be a regular file (not a directory, device or pipe)");
            }
            if (Files.exists(yaml) && Files.size(yaml) > MAX_SPEC_BYTES) {
                throw new DataException(yaml, 0, null, "a dataset spec of " + Files.size(yaml) + " bytes is not a spec (at most "
                        + MAX_SPEC_BYTES + "): is this the data file?");
            }
            text = Files.readString(yaml);
        } catch (NoSuchFileException e) {
            throw new DataException(yaml, "dataset spec not found", e);
        } catch (IOException e) {
            throw new DataException(yaml, "cannot read: " + e.getMessage(), e);
        }
        return parse(yaml, text);
    }

    /**
     * A spec from its text, e.g. shipped to Spark executors that cannot read the driver's file;
     * {@code source} names it in messages and relative paths resolve against its directory.
     */
    public static DatasetSpec parse(Path source, String yaml) {
        JsonNode root;
        try {
            root = readSingleDocument(source, yaml);
        } catch (JsonProcessingException e) {
            throw new DataException(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
                    "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DataException(source, "cannot read: " + e.getMessage(), e);
        }
        return new DatasetSpecParser(source).spec(root);
    }

    /**
     * The spec's one YAML document. A key given twice and a second document are errors: either would
     * otherwise be dropped without a word (the last value of a key wins, later documents are ignored).
     */
    private static JsonNode readSingleDocument(Path source, String text) throws IOException {
        YAMLMapper mapper = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        try (JsonParser parser = mapper.createParser(text)) {
            JsonNode root = mapper.readTree(parser);
            if (parser.nextToken() != null) {
                throw new DataException(source, parser.currentLocation().getLineNr(), null,
                        "holds more than one YAML document: a dataset spec is one mapping");
            }
            return root;
        }
    }

    private DatasetSpec spec(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw keys.error("", "expected a mapping with keys " + SpecKeys.sorted(TOP));
        }
        keys.checkKeys(root, "", TOP);
        List<String> actions = keys.stringList(keys.require(root, "actions", ""), "actions");
        if (actions.isEmpty()) {
            throw keys.error("actions", "needs at least one action");
        }
        keys.unique(actions, "actions");
        if (root.has("files") == root.has("log")) {
            throw keys.error("", "name the samples either per split (files: {train, valid, test}) or as one log split by day"
                    + " (log: ... with split: ...), not " + (root.has("files") ? "both" : "neither"));
        }
        Map<Split, FileSet> files = new EnumMap<>(Split.class);
        FileSet log = null;
        DaySplit daySplit = null;
        DayFormat dayFormat = root.has("day_format") ? samples.dayFormat(root.get("day_format")) : DayFormat.INTEGER;
        if (root.has("files")) {
            JsonNode filesNode = root.get("files");
            keys.checkKeys(filesNode, "files", FILES);
            if (root.has("split")) {
                throw keys.error("split", "only goes with 'log' (the split files already split the data)");
            }
            for (Split split : Split.values()) {
                files.put(split, samples.fileSet(keys.require(filesNode, split.key(), "files"), "files." + split.key()));
            }
        } else {
            log = samples.fileSet(root.get("log"), "log");
            daySplit = samples.daySplit(keys.require(root, "split", ""), dayFormat);
        }
        Path truth = root.has("truth") ? source.toAbsolutePath().getParent().resolve(keys.text(root.get("truth"), "truth")) : null;
        char separator = root.has("separator") ? separator(root.get("separator")) : 0;
        List<TableSpec> tables = root.has("tables") ? samples.tables(root.get("tables")) : List.of();
        ColumnMapping columns = columns(keys.require(root, "columns", ""), actions, tables);
        EncodingOptions encoding = root.has("encoding") ? encoding(root.get("encoding"), columns) : EncodingOptions.defaults();
        return new DatasetSpec(source, actions, files, log, daySplit, truth, separator, columns, encoding, dayFormat, tables);
    }

    private ColumnMapping columns(JsonNode node, List<String> actions, List<TableSpec> tables) {
        keys.checkKeys(node, "columns", COLUMNS);
        JsonNode labelsNode = keys.require(node, "labels", "columns");
        keys.checkKeys(labelsNode, "columns.labels", new HashSet<>(actions));
        Map<String, String> labels = new LinkedHashMap<>();
        for (String action : actions) {
            if (!labelsNode.has(action)) {
                throw keys.error("columns.labels", "no label column for action '" + action + "'");
            }
            labels.put(action, keys.text(labelsNode.get(action), "columns.labels." + action));
        }
        List<String> numerical = node.has("numerical") ? keys.stringList(node.get("numerical"), "columns.numerical") : List.of();
        List<String> categorical = node.has("categorical") ? keys.stringList(node.get("categorical"), "columns.categorical") : List.of();
        if (numerical.isEmpty() && categorical.isEmpty()) {
            throw keys.error("columns", "declares no feature: add columns.categorical and/or columns.numerical");
        }
        ColumnMapping mapping = new ColumnMapping(
                node.has("id") ? keys.text(node.get("id"), "columns.id") : null,
                keys.text(keys.require(node, "advertiser", "columns"), "columns.advertiser"),
                keys.text(keys.require(node, "target", "columns"), "columns.target"),
                keys.text(keys.require(node, "day", "columns"), "columns.day"),
                labels, numerical, categorical);
        List<String> all = new ArrayList<>();
        if (mapping.id() != null) {
            all.add(mapping.id());
        }
        all.addAll(List.of(mapping.advertiser(), mapping.target(), mapping.day()));
        all.addAll(labels.values());
        all.addAll(numerical);
        all.addAll(categorical);
        keys.unique(all, "columns");
        List<String> logOnly = new ArrayList<>(all);
        logOnly.removeAll(numerical);
        logOnly.removeAll(categorical);
        tables.forEach(t -> logOnly.add(t.on()));
        for (String column : logOnly) {
            TableSpec table = tables.stream().filter(t -> column.startsWith(t.prefix())).findFirst().orElse(null);
            if (table != null) {
                throw keys.error("columns", "'" + column + "' names a column of table '" + table.name()
                        + "': only features may come from tables; id, advertiser, target, day, labels and join keys are log columns");
            }
        }
        return mapping;
    }

    private EncodingOptions encoding(JsonNode node, ColumnMapping columns) {
        keys.checkKeys(node, "encoding", ENCODING);
        EncodingOptions d = EncodingOptions.defaults();
        int buckets = EncodingOptions.FROM_DATA;
        JsonNode given = node.get("buckets");
        if (given != null && !given.asText().equals("auto")) {
            if (!given.isIntegralNumber()) {
                throw keys.error("encoding.buckets", "expected an integer or auto, got '" + given.asText() + "'");
            }
            buckets = keys.integer(given, "encoding.buckets");
        }
        Map<String, Integer> fieldBuckets = new LinkedHashMap<>();
        if (node.has("field_buckets")) {
            JsonNode fb = node.get("field_buckets");
            keys.checkKeys(fb, "encoding.field_buckets", new HashSet<>(columns.categorical()));
            for (Iterator<String> it = fb.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                fieldBuckets.put(field, keys.integer(fb.get(field), "encoding.field_buckets." + field));
            }
        }
        NumericalTransform transform = d.numericalTransform();
        if (node.has("numerical_transform")) {
            try {
                transform = NumericalTransform.parse(keys.text(node.get("numerical_transform"), "encoding.numerical_transform"));
            } catch (IllegalArgumentException e) {
                throw keys.error("encoding.numerical_transform", e.getMessage());
            }
        }
        int seed = node.has("hash_seed") ? keys.integer(node.get("hash_seed"), "encoding.hash_seed") : d.hashSeed();
        try {
            return new EncodingOptions(buckets, fieldBuckets, transform, seed);
        } catch (IllegalArgumentException e) {
            throw new DataException(source, 0, null, e.getMessage());
        }
    }

    private char separator(JsonNode node) {
        String s = keys.text(node, "separator");
        if (s.equals("tab") || s.equals("\t")) {
            return '\t';
        }
        if (s.length() == 2 && s.codePointCount(0, 2) == 1) {
            // FastCSV splits on a Java char, and this character takes two (a surrogate pair).
            throw keys.error("separator", "U+" + String.format("%04X", s.codePointAt(0)) + " lies outside the Basic "
                    + "Multilingual Plane; the CSV reader takes a separator of one 16-bit character (U+0000 to U+FFFF)");
        }
        if (s.length() != 1) {
            throw keys.error("separator", "must be one character or 'tab', got '" + s + "'");
        }
        char c = s.charAt(0);
        if (Character.isISOControl(c) || c == '"' || Character.isLetterOrDigit(c)) {
            throw keys.error("separator", "must be 'tab' or one character that is no control character, double quote, "
                    + "letter or digit, got U+" + String.format("%04X", (int) c));
        }
        return s.charAt(0);
    }
}
