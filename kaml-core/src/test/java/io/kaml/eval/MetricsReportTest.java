package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaml.eval.MetricsReport.ActionMetrics;
import io.kaml.eval.MetricsReport.AllMetrics;
import io.kaml.eval.MetricsReport.TruthActionMetrics;
import io.kaml.eval.MetricsReport.TruthMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Actions deliberately out of alphabetical order, one with an undefined AUC. */
    private static MetricsReport report(boolean withTruth) {
        Map<String, ActionMetrics> actions = new LinkedHashMap<>();
        actions.put("retention", new ActionMetrics(0.75, 0.3125, 40, 5));
        actions.put("activation", new ActionMetrics(Double.NaN, 0.125, 3, 0));
        actions.put("purchase", new ActionMetrics(0.8, 0.2, 10, 2));
        TruthMetrics truth = null;
        if (withTruth) {
            Map<String, TruthActionMetrics> serving = new LinkedHashMap<>();
            serving.put("retention", new TruthActionMetrics(0.75, 0.6875, 40, 6, 0.0625, 0.03125));
            serving.put("activation", new TruthActionMetrics(Double.NaN, Double.NaN, 3, 0, 0.5, 0.25));
            serving.put("purchase", new TruthActionMetrics(0.875, 0.8125, 10, 3, 0.1, 0.05));
            Map<String, TruthActionMetrics> everySample = new LinkedHashMap<>();
            everySample.put("retention", new TruthActionMetrics(0.7, 0.625, 53, 9, 0.0625, 0.03125));
            everySample.put("activation", new TruthActionMetrics(Double.NaN, 0.5, 53, 0, 0.5, 0.25));
            everySample.put("purchase", new TruthActionMetrics(0.9, 0.75, 53, 4, 0.1, 0.05));
            truth = new TruthMetrics(serving, everySample);
        }
        return new MetricsReport(actions, new AllMetrics(0.78, 0.25, 53), 0.71, truth);
    }

    private static List<String> keys(JsonNode node) {
        var keys = new ArrayList<String>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void jsonHasTheDocumentedShapeAndOrder() throws IOException {
        JsonNode root = MAPPER.readTree(report(true).toJson());
        assertThat(keys(root)).containsExactly("actions", "all", "gauc", "truth");
        assertThat(keys(root.get("actions"))).containsExactly("retention", "activation", "purchase");
        assertThat(keys(root.get("actions").get("retention"))).containsExactly("auc", "logloss", "n", "positives");
        assertThat(root.get("actions").get("retention").get("auc").doubleValue()).isEqualTo(0.75);
        assertThat(root.get("actions").get("retention").get("n").intValue()).isEqualTo(40);
        assertThat(keys(root.get("all"))).containsExactly("auc", "logloss", "n");
        assertThat(root.get("gauc").doubleValue()).isEqualTo(0.71);
        assertThat(keys(root.get("truth"))).containsExactly("serving", "every_sample");
        JsonNode truthActions = root.get("truth").get("every_sample");
        assertThat(keys(truthActions)).containsExactly("retention", "activation", "purchase");
        assertThat(keys(truthActions.get("purchase"))).containsExactly("auc", "expected_auc", "n", "positives", "prob_mae", "ece");
        assertThat(truthActions.get("purchase").get("prob_mae").doubleValue()).isEqualTo(0.1);
        assertThat(root.get("truth").get("serving").get("purchase").get("expected_auc").doubleValue()).isEqualTo(0.8125);
    }

    @Test
    void nanIsWrittenAsNull() throws IOException {
        JsonNode root = MAPPER.readTree(report(true).toJson());
        assertThat(root.get("actions").get("activation").get("auc").isNull()).isTrue();
        assertThat(root.get("truth").get("serving").get("activation").get("auc").isNull()).isTrue();
        assertThat(report(true).toJson()).doesNotContain("NaN");
    }

    @Test
    void truthIsOmittedWhenAbsent() throws IOException {
        assertThat(keys(MAPPER.readTree(report(false).toJson()))).containsExactly("actions", "all", "gauc");
    }

    @Test
    void roundTripsThroughJson() throws IOException {
        for (boolean withTruth : new boolean[] {true, false}) {
            MetricsReport original = report(withTruth);
            MetricsReport read = MetricsReport.fromJson(original.toJson());
            // Record equality compares doubles like Double.compare, so NaN must come back as NaN.
            assertThat(read).isEqualTo(original);
            assertThat(read.actions().keySet()).containsExactly("retention", "activation", "purchase");
        }
    }

    @Test
    void writeJsonReplacesTheFileAndLeavesNoTemporaryFile(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("metrics.json");
        Files.writeString(file, "old");
        report(true).writeJson(file);
        assertThat(MetricsReport.readJson(file)).isEqualTo(report(true));
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void readingJsonWithoutAFieldNamesIt() {
        String json = "{\"actions\": {\"buy\": {\"auc\": 0.5, \"n\": 1, \"positives\": 1}},"
                + " \"all\": {\"auc\": 0.5, \"logloss\": 0.1, \"n\": 1}, \"gauc\": null}";
        assertThatThrownBy(() -> MetricsReport.fromJson(json))
                .isInstanceOf(IOException.class).hasMessageContaining("actions.buy.logloss is missing");
    }

    @Test
    void tableListsActionsThenAllThenGaucThenTruth() {
        String table = report(true).toTable();
        List<String> lines = table.lines().toList();
        // The first column is as wide as "activation" (10 characters).
        assertThat(lines.subList(0, 7)).containsExactly(
                "action              n  positives     AUC  LogLoss",
                "retention          40          5  0.7500   0.3125",
                "activation          3          0     n/a   0.1250",
                "purchase           10          2  0.8000   0.2000",
                "all                53          -  0.7800   0.2500",
                "GAUC           0.7100",
                "");
        assertThat(lines.subList(7, lines.size())).containsExactly(
                "truth               n  positives     AUC  exp. AUC  prob_MAE     ECE",
                "retention          40          6  0.7500    0.6875    0.0625  0.0313",
                "activation          3          0     n/a       n/a    0.5000  0.2500",
                "purchase           10          3  0.8750    0.8125    0.1000  0.0500",
                "",
                "truth, every sample (off-deployment)",
                "retention          53          9  0.7000    0.6250    0.0625  0.0313",
                "activation         53          0     n/a    0.5000    0.5000  0.2500",
                "purchase           53          4  0.9000    0.7500    0.1000  0.0500");
    }

    @Test
    void tableHasNoTruthBlockWithoutTruth() {
        assertThat(report(false).toTable()).doesNotContain("truth").doesNotContain("prob_MAE");
    }

    @Test
    void actionOrderIsKeptAndTheMapIsUnmodifiable() {
        MetricsReport report = report(false);
        assertThat(report.actions().keySet()).containsExactly("retention", "activation", "purchase");
        assertThatThrownBy(() -> report.actions().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
