package io.kaml.sim;

import io.kaml.data.Split;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** One default-knob simulation on a small world, checked file by file. */
class SimulatorOutputTest {
    @TempDir
    static Path directory;

    static SimulatorConfig config;
    static SimulatedData data;

    @BeforeAll
    static void simulate() {
        config = SimulatedData.small().build();
        data = SimulatedData.generate(config, directory);
    }

    @Test
    void writesExactlyTheSimulatorFilesAndNoTemporaryOnes() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("train.csv.gz", "valid.csv.gz", "test.csv.gz", "truth.csv.gz",
                            "dataset.yaml", "simulator.json", "reporting.csv");
        }
    }

    @Test
    void reportingCsvGivesEveryAdvertiserAndActionItsTrueCompletenessWithTheTargetComplete() throws IOException {
        List<String> lines = Files.readAllLines(directory.resolve("reporting.csv"));
        assertThat(lines.getFirst()).isEqualTo("advertiser_id,action,target,completeness");
        assertThat(lines).hasSize(1 + config.advertisers() * Action.COUNT);
        int targets = 0;
        boolean partial = false;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            double completeness = Double.parseDouble(cells[3]);
            assertThat(completeness).isBetween(0.0, 1.0);
            if (cells[2].equals("1")) {
                targets++;
                assertThat(completeness).as(line).isEqualTo(1.0);
            }
            partial |= completeness > 0 && completeness < ReportingPolicy.RELIABLE_MIN;
        }
        assertThat(targets).isEqualTo(config.advertisers());
        assertThat(partial).as("some advertiser reports an action only partly").isTrue();
    }

    @Test
    void sampleFilesHaveTheDocumentedColumns() {
        List<String> expected = new ArrayList<>(List.of("sample_id", "day", "advertiser_id", "target_action",
                "y_activation", "y_registration", "y_payment", "y_retention", "y_purchase", "price", "user_activity"));
        expected.addAll(SampleColumns.CATEGORICAL);
        assertThat(data.sampleHeader()).containsExactlyElementsOf(expected);
        assertThat(SampleColumns.CATEGORICAL).hasSizeBetween(12, 16)
                .contains("user_id", "ad_id", "advertiser_cat", "industry", "placement", "hour");
        assertThat(data.truthHeader()).containsExactly("sample_id", "split",
                "p_activation", "p_registration", "p_payment", "p_retention", "p_purchase",
                "y_activation", "y_registration", "y_payment", "y_retention", "y_purchase");
    }

    @Test
    void datasetYamlNamesTheFilesAndEveryColumnOfTheHeader() throws IOException {
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(directory.resolve("dataset.yaml").toFile());
        assertThat(yaml.get("actions").toString())
                .isEqualTo("[\"activation\",\"registration\",\"payment\",\"retention\",\"purchase\"]");
        assertThat(yaml.get("files").get("test").asText()).isEqualTo("test.csv.gz");
        assertThat(yaml.get("truth").asText()).isEqualTo("truth.csv.gz");
        JsonNode columns = yaml.get("columns");
        Set<String> described = new HashSet<>();
        for (String key : List.of("id", "advertiser", "target", "day")) {
            described.add(columns.get(key).asText());
        }
        columns.get("labels").forEach(n -> described.add(n.asText()));
        columns.get("numerical").forEach(n -> described.add(n.asText()));
        columns.get("categorical").forEach(n -> described.add(n.asText()));
        assertThat(described).containsExactlyInAnyOrderElementsOf(data.sampleHeader());
        assertThat(Files.readString(directory.resolve("dataset.yaml"))).startsWith(
                "actions: [activation, registration, payment, retention, purchase]\n"
                        + "files: {train: train.csv.gz, valid: valid.csv.gz, test: test.csv.gz}\n"
                        + "truth: truth.csv.gz\ncolumns:\n  id: sample_id\n");
    }

    @Test
    void simulatorJsonRecordsTheFullConfig() throws IOException {
        SimulatorConfig recorded = new ObjectMapper().readValue(directory.resolve("simulator.json").toFile(),
                SimulatorConfig.class);
        assertThat(recorded).isEqualTo(config);
    }

    @Test
    void splitsFollowTheDaysAndSampleIdsAreUniqueAcrossThem() {
        for (Map.Entry<Split, List<NamedCsvRecord>> split : data.samples().entrySet()) {
            Set<Integer> days = split.getValue().stream().map(r -> Integer.parseInt(r.getField("day")))
                    .collect(Collectors.toSet());
            Set<Integer> expected = new HashSet<>();
            for (int day = 0; day < config.days(); day++) {
                if (config.splitOf(day) == split.getKey()) {
                    expected.add(day);
                }
            }
            assertThat(days).as(split.getKey().key()).isEqualTo(expected);
            assertThat(split.getValue()).hasSize(expected.size() * config.clicksPerDay());
        }
        List<NamedCsvRecord> all = data.allSamples();
        assertThat(all.stream().map(r -> r.getField("sample_id")).distinct().count()).isEqualTo(all.size());
        assertThat(data.truthById()).hasSize(all.size());
        for (Split split : Split.values()) {
            for (NamedCsvRecord row : data.samples().get(split)) {
                assertThat(data.truthOf(row).getField("split")).isEqualTo(split.key());
            }
        }
    }

    @Test
    void valuesAreWellFormed() {
        Set<String> actions = Set.copyOf(Action.keys());
        for (NamedCsvRecord row : data.allSamples()) {
            assertThat(row.getField("target_action")).isIn(actions);
            assertThat(Double.parseDouble(row.getField("price"))).isPositive();
            assertThat(Double.parseDouble(row.getField("user_activity"))).isPositive();
            assertThat(row.getField("advertiser_cat")).isEqualTo(row.getField("advertiser_id"));
            assertThat(row.getField("age_band")).isIn(Attribute.AGE_BAND.levels());
            assertThat(row.getField("os")).isIn(Attribute.OS.levels());
            assertThat(row.getField("placement")).isIn(Attribute.PLACEMENT.levels());
            assertThat(row.getField("weekday")).isEqualTo(
                    Attribute.WEEKDAY.levels().get(Integer.parseInt(row.getField("day")) % 7));
            for (String column : data.sampleHeader()) {
                assertThat(row.getField(column)).as(column).isNotEmpty();
            }
            for (Action action : Action.values()) {
                assertThat(row.getField(SampleColumns.label(action))).isIn("0", "1");
            }
        }
    }

    @Test
    void trueProbabilitiesAndLabelsFollowTheFunnel() {
        for (NamedCsvRecord truth : data.truthById().values()) {
            for (Action action : Action.values()) {
                double p = Double.parseDouble(truth.getField(SampleColumns.probability(action)));
                assertThat(p).isBetween(0.0, 1.0);
                if (action.parent() != null) {
                    double parent = Double.parseDouble(truth.getField(SampleColumns.probability(action.parent())));
                    assertThat(p).isLessThanOrEqualTo(parent);
                    if (truth.getField(SampleColumns.label(action)).equals("1")) {
                        assertThat(truth.getField(SampleColumns.label(action.parent()))).isEqualTo("1");
                    }
                }
            }
        }
    }

    @Test
    void theTargetActionIsAlwaysReportedCompletely() {
        for (NamedCsvRecord row : data.allSamples()) {
            String target = SampleColumns.label(Action.valueOf(row.getField("target_action").toUpperCase()));
            assertThat(row.getField(target)).isEqualTo(data.truthOf(row).getField(target));
        }
    }

    @Test
    void anObservedConversionIsAlwaysATrueOneButSomeTrueOnesGoUnreported() {
        long unreported = 0;
        for (NamedCsvRecord row : data.allSamples()) {
            NamedCsvRecord truth = data.truthOf(row);
            for (Action action : Action.values()) {
                String column = SampleColumns.label(action);
                if (row.getField(column).equals("1")) {
                    assertThat(truth.getField(column)).as(column).isEqualTo("1");
                } else if (truth.getField(column).equals("1")) {
                    unreported++;
                }
            }
        }
        assertThat(unreported).isPositive();
    }

    @Test
    void labelsAreSkewedWithTheDeepestActionRare() {
        Map<String, Double> rate = trueRates();
        assertThat(rate.get("purchase")).isLessThan(0.01);
        assertThat(rate.get("activation")).isBetween(0.08, 0.18);
        assertThat(rate.get("activation") / rate.get("purchase")).isGreaterThan(10);
    }

    @Test
    void summaryAgreesWithTheFiles() {
        SimulationSummary summary = data.summary();
        for (Split split : Split.values()) {
            assertThat(summary.samples().get(split)).isEqualTo(data.samples().get(split).size());
        }
        List<NamedCsvRecord> all = data.allSamples();
        for (SimulationSummary.ActionSummary a : summary.actions()) {
            String column = "y_" + a.action();
            long observed = all.stream().filter(r -> r.getField(column).equals("1")).count();
            long truePositives = data.truthById().values().stream().filter(r -> r.getField(column).equals("1")).count();
            long targetSamples = all.stream().filter(r -> r.getField("target_action").equals(a.action())).count();
            assertThat(a.observedPositives()).as(a.action()).isEqualTo(observed);
            assertThat(a.truePositives()).as(a.action()).isEqualTo(truePositives);
            assertThat(a.targetSamples()).as(a.action()).isEqualTo(targetSamples);
            assertThat(a.baseRate()).isEqualTo((double) truePositives / all.size());
            assertThat(a.observedRate()).isEqualTo((double) observed / all.size());
            long targetingInFiles = all.stream().filter(r -> r.getField("target_action").equals(a.action()))
                    .map(r -> r.getField("advertiser_id")).distinct().count();
            long reportingInFiles = all.stream().filter(r -> r.getField(column).equals("1"))
                    .map(r -> r.getField("advertiser_id")).distinct().count();
            assertThat(a.targetingAdvertisers()).as(a.action()).isPositive().isGreaterThanOrEqualTo((int) targetingInFiles);
            assertThat(a.reportingAdvertisers()).as(a.action()).isGreaterThanOrEqualTo((int) reportingInFiles)
                    .isGreaterThanOrEqualTo(a.reliableAdvertisers());
            assertThat(a.reliableAdvertisers()).isGreaterThanOrEqualTo(a.targetingAdvertisers());
        }
        assertThat(summary.actions().stream().mapToInt(SimulationSummary.ActionSummary::targetingAdvertisers).sum())
                .isEqualTo(config.advertisers());
        assertThat(summary.table()).contains("purchase", "target samples", "train");
    }

    private static Map<String, Double> trueRates() {
        return data.summary().actions().stream()
                .collect(Collectors.toMap(SimulationSummary.ActionSummary::action, SimulationSummary.ActionSummary::baseRate));
    }
}
