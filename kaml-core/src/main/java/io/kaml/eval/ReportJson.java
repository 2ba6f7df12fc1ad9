package io.kaml.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaml.eval.MetricsReport.ActionMetrics;
import io.kaml.eval.MetricsReport.AllMetrics;
import io.kaml.eval.MetricsReport.TruthActionMetrics;
import io.kaml.eval.MetricsReport.TruthMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON form of a {@link MetricsReport}:
 *
 * <pre>{@code
 * {"actions": {"<name>": {"auc", "logloss", "n", "positives"}, ...},
 *  "all": {"auc", "logloss", "n"},
 *  "gauc",
 *  "truth": {"serving": {"<name>": {"auc", "expected_auc", "n", "positives", "prob_mae", "ece"}, ...},
 *            "every_sample": {the same}}}
 * }</pre>
 *
 * <p>{@code truth} is omitted when absent and NaN is written as {@code null}. The tree is built by
 * hand rather than by record binding because both rules, and the key order, are the file's contract
 * and are easier to see here than in annotations and custom serialisers.
 */
final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportJson() {
    }

    static String write(MetricsReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode actions = root.putObject("actions");
        report.actions().forEach((name, m) -> {
            ObjectNode node = actions.putObject(name);
            putMetric(node, "auc", m.auc());
            putMetric(node, "logloss", m.logloss());
            node.put("n", m.n());
            node.put("positives", m.positives());
        });
        ObjectNode all = root.putObject("all");
        putMetric(all, "auc", report.all().auc());
        putMetric(all, "logloss", report.all().logloss());
        all.put("n", report.all().n());
        putMetric(root, "gauc", report.gauc());
        if (report.truth() != null) {
            ObjectNode truth = root.putObject("truth");
            putTruth(truth.putObject("serving"), report.truth().serving());
            putTruth(truth.putObject("every_sample"), report.truth().everySample());
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            // A tree of strings and numbers always serialises; this would be a Jackson bug.
            throw new UncheckedIOException(e);
        }
    }

    private static void putTruth(ObjectNode parent, Map<String, TruthActionMetrics> actions) {
        actions.forEach((name, m) -> {
            ObjectNode node = parent.putObject(name);
            putMetric(node, "auc", m.auc());
            putMetric(node, "expected_auc", m.expectedAuc());
            node.put("n", m.n());
            node.put("positives", m.positives());
            putMetric(node, "prob_mae", m.probMae());
            putMetric(node, "ece", m.ece());
        });
    }

    private static void putMetric(ObjectNode node, String key, double value) {
        if (Double.isNaN(value)) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }

    static MetricsReport read(String json) throws IOException {
        JsonNode root = MAPPER.readTree(json);
        Map<String, ActionMetrics> actions = new LinkedHashMap<>();
        for (var entry : object(root, "actions", "").properties()) {
            JsonNode node = entry.getValue();
            String path = "actions." + entry.getKey();
            actions.put(entry.getKey(), new ActionMetrics(metric(node, "auc", path),
                    metric(node, "logloss", path), count(node, "n", path), count(node, "positives", path)));
        }
        JsonNode allNode = object(root, "all", "");
        var all = new AllMetrics(metric(allNode, "auc", "all"), metric(allNode, "logloss", "all"),
                count(allNode, "n", "all"));
        double gauc = metric(root, "gauc", "");
        TruthMetrics truth = null;
        if (root.has("truth")) {
            JsonNode node = object(root, "truth", "");
            truth = new TruthMetrics(truthActions(node, "serving"), truthActions(node, "every_sample"));
        }
        return new MetricsReport(actions, all, gauc, truth);
    }

    private static Map<String, TruthActionMetrics> truthActions(JsonNode truth, String key) throws IOException {
        Map<String, TruthActionMetrics> out = new LinkedHashMap<>();
        for (var entry : object(truth, key, "truth").properties()) {
            JsonNode node = entry.getValue();
            String path = "truth." + key + "." + entry.getKey();
            out.put(entry.getKey(), new TruthActionMetrics(metric(node, "auc", path), metric(node, "expected_auc", path),
                    count(node, "n", path), count(node, "positives", path), metric(node, "prob_mae", path), metric(node, "ece", path)));
        }
        return out;
    }

    private static JsonNode object(JsonNode parent, String key, String path) throws IOException {
        JsonNode node = field(parent, key, path);
        if (!node.isObject()) {
            throw new IOException("metrics JSON: " + where(path, key) + " is not an object");
        }
        return node;
    }

    private static double metric(JsonNode parent, String key, String path) throws IOException {
        JsonNode node = field(parent, key, path);
        if (node.isNull()) {
            return Double.NaN;
        }
        if (!node.isNumber()) {
            throw new IOException("metrics JSON: " + where(path, key) + " is neither a number nor null");
        }
        return node.doubleValue();
    }

    private static int count(JsonNode parent, String key, String path) throws IOException {
        JsonNode node = field(parent, key, path);
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new IOException("metrics JSON: " + where(path, key) + " is not an int");
        }
        return node.intValue();
    }

    private static JsonNode field(JsonNode parent, String key, String path) throws IOException {
        JsonNode node = parent.get(key);
        if (node == null) {
            throw new IOException("metrics JSON: " + where(path, key) + " is missing");
        }
        return node;
    }

    private static String where(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
