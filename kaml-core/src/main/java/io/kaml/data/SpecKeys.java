package io.kaml.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Typed access to the nodes of one dataset.yaml: every wrong shape is a {@link DataException} naming the
 * spec file and the key's path, e.g. {@code dataset.yaml: key 'split.test_days': expected an integer}.
 */
final class SpecKeys {
    private final Path source;

    SpecKeys(Path source) {
        this.source = source;
    }

    Path source() {
        return source;
    }

    void checkKeys(JsonNode node, String path, Set<String> allowed) {
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

    JsonNode require(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw error(join(path, key), "missing");
        }
        return value;
    }

    String text(JsonNode node, String path) {
        if (!node.isTextual() && !node.isNumber()) {
            throw error(path, "expected a string, got " + node.getNodeType().name().toLowerCase());
        }
        String s = node.asText();
        if (s.isEmpty()) {
            throw error(path, "must not be empty");
        }
        return s;
    }

    int integer(JsonNode node, String path) {
        if (!node.isInt()) {
            throw error(path, "expected an integer, got '" + node.asText() + "'");
        }
        return node.intValue();
    }

    List<String> stringList(JsonNode node, String path) {
        if (!node.isArray()) {
            throw error(path, "expected a list, got " + node.getNodeType().name().toLowerCase());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(text(node.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    void unique(List<String> names, String path) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw error(path, "'" + name + "' appears twice");
            }
        }
    }

    /** An error at key {@code path} ("" for the whole spec). */
    DataException error(String path, String reason) {
        return new DataException(source, 0, null, path.isEmpty() ? reason : "key '" + path + "': " + reason);
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
