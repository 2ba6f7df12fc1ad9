package io.kaml.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.kaml.data.LogFileInput;
import io.kaml.serve.Instance;
import io.kaml.serve.Prediction;
import io.kaml.serve.Predictor;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The served scores are the ones {@code kaml predict} writes, for a model trained here on a tiny simulated world. */
class ServeCommandTest {
    @TempDir
    static Path dir;

    private static Path yaml;

    @BeforeAll
    static void simulate() throws IOException {
        CommandLineTest.run("simulate", "--out", dir.resolve("data").toString(), "--days", "5", "--clicks-per-day", "1000",
                "--users", "1000", "--advertisers", "30", "--ads", "100").succeeds();
        yaml = dir.resolve("data/dataset.yaml");
        Files.writeString(yaml, Files.readString(yaml) + "encoding: {buckets: 1000}\n");
    }

    /** {@code base} has plain towers; {@code kaml} has HKE towers, served on their original path. */
    @ParameterizedTest
    @ValueSource(strings = {"base", "kaml"})
    void predictorScoresEqualPredictsForEveryRowOfTheTestFile(String preset) throws IOException {
        Path model = dir.resolve(preset + ".kaml");
        CommandLineTest.run("train", "--data", yaml.toString(), "--out", model.toString(), "--preset", preset, "--epochs", "1",
                "--batch-size", "128", "--lr", "0.01", "--embedding-lr", "0.01", "--embedding-dim", "4", "--expert-hidden", "16,8",
                "--tower-hidden", "8", "--seed", "3").succeeds();
        Path scores = dir.resolve(preset + "-scores.csv");
        CommandLineTest.run("predict", "--model", model.toString(), "--input", dir.resolve("data/test.csv.gz").toString(),
                "--out", scores.toString()).succeeds();

        Predictor predictor = Predictor.load(model);
        List<Instance> instances = instances(predictor, dir.resolve("data/test.csv.gz"));
        List<Prediction> batch = predictor.predict(instances);
        int rows = 0;
        try (var csv = CsvReader.builder().ofNamedCsvRecord(scores)) {
            for (NamedCsvRecord expected : csv) {
                Instance instance = instances.get(rows);
                Prediction single = predictor.predict(instance.features(), instance.target());
                assertThat(Float.toString(single.score())).as("row %d score", rows).isEqualTo(expected.getField("score"));
                for (String action : predictor.actions()) {
                    assertThat(Float.toString(single.probability(action))).as("row %d %s", rows, action).isEqualTo(expected.getField("p_" + action));
                }
                assertThat(batch.get(rows)).isEqualTo(single);
                rows++;
            }
        }
        assertThat(rows).isEqualTo(1000).isEqualTo(instances.size());
    }

    /** The rows of a CSV as instances of {@code predictor}'s features, an empty cell as "" (a missing feature), as {@code predict} reads them. */
    private static List<Instance> instances(Predictor predictor, Path csvFile) throws IOException {
        List<String> features = new ArrayList<>(predictor.categoricalFields());
        features.addAll(predictor.numericalFields());
        List<Instance> instances = new ArrayList<>();
        try (var csv = CsvReader.builder().ofNamedCsvRecord(new InputStreamReader(LogFileInput.open(csvFile), StandardCharsets.UTF_8))) {
            for (NamedCsvRecord row : csv) {
                Map<String, Object> values = new HashMap<>();
                for (String feature : features) {
                    values.put(feature, row.getField(feature));
                }
                instances.add(new Instance(values, row.getField("target_action")));
            }
        }
        return instances;
    }

    @Test
    void predictAndServingRefuseTheSameRowMissingAFeatureTrainingNeverSawMissingAndAllowItAlike() throws IOException {
        String[] training = {"train", "--data", yaml.toString(), "--epochs", "1", "--batch-size", "128", "--embedding-dim", "4",
                "--expert-hidden", "16,8", "--tower-hidden", "8", "--seed", "3"};
        Path strict = dir.resolve("strict.kaml");
        CommandLineTest.run(concat(training, "--out", strict.toString())).succeeds();
        // Three test rows, the second without its device: the simulator writes every feature, so training never saw one missing.
        List<String> lines;
        try (var in = LogFileInput.open(dir.resolve("data/test.csv.gz"))) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().limit(4).toList();
        }
        int device = List.of(lines.getFirst().split(",")).indexOf("device");
        String[] second = lines.get(2).split(",", -1);
        second[device] = "";
        Path rows = Files.writeString(dir.resolve("rows.csv"), String.join("\n", lines.get(0), lines.get(1), String.join(",", second), lines.get(3)) + "\n");
        Path scores = dir.resolve("rows-scores.csv");

        CommandLineTest refused = CommandLineTest.run("predict", "--model", strict.toString(), "--input", rows.toString(), "--out", scores.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip()).isEqualTo("kaml predict: error: " + rows
                + ":3: column 'device': missing, and training never saw it missing (fill it, or run predict with --allow-missing)");
        assertThat(scores).doesNotExist();
        List<Instance> instances = instances(Predictor.load(strict), rows);
        assertThatThrownBy(() -> Predictor.load(strict).predict(instances)).hasMessage("instances[1].features.device: missing, and "
                + "training never saw it missing (send it, or start the server with --allow-missing)");

        CommandLineTest.run("predict", "--model", strict.toString(), "--input", rows.toString(), "--out", scores.toString(),
                "--allow-missing").succeeds();
        assertSameScores(Predictor.load(strict, true).predict(instances), scores);

        // Trained with missing dropout, the model learned every feature missing: no flag needed on either path.
        Path dropout = dir.resolve("dropout.kaml");
        CommandLineTest.run(concat(training, "--out", dropout.toString(), "--missing-dropout", "0.1")).succeeds();
        Predictor learned = Predictor.load(dropout);
        assertThat(learned.mayBeMissing()).hasSize(instances.getFirst().features().size());
        assertThat(learned.provenance().path("train").path("missing_dropout").asDouble()).isEqualTo(0.1);
        CommandLineTest.run("predict", "--model", dropout.toString(), "--input", rows.toString(), "--out", scores.toString()).succeeds();
        assertSameScores(learned.predict(instances), scores);
    }

    private static void assertSameScores(List<Prediction> predictions, Path scores) throws IOException {
        int rows = 0;
        try (var csv = CsvReader.builder().ofNamedCsvRecord(scores)) {
            for (NamedCsvRecord expected : csv) {
                assertThat(Float.toString(predictions.get(rows).score())).as("row %d score", rows).isEqualTo(expected.getField("score"));
                rows++;
            }
        }
        assertThat(rows).isEqualTo(predictions.size());
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void aMissingModelOrABadOptionEndsWithExitCode2() {
        CommandLineTest missing = CommandLineTest.run("serve", "--model", dir.resolve("none.kaml").toString(), "--port", "0");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("model file not found");
        CommandLineTest port = CommandLineTest.run("serve", "--model", dir.resolve("none.kaml").toString(), "--port", "70000");
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.err()).contains("port must be 0-65535, got 70000");
    }

    @Test
    void tokenOptionsAreCheckedBeforeAnythingLoads() throws IOException {
        String none = dir.resolve("none.kaml").toString();
        Path shortToken = Files.writeString(dir.resolve("short-token"), "abc");
        CommandLineTest both = CommandLineTest.run("serve", "--model", none, "--token-file", shortToken.toString(), "--token-env", "X");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--token-file or --token-env, not both");
        CommandLineTest alone = CommandLineTest.run("serve", "--model", none, "--token-everywhere");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("--token-everywhere needs a token");
        CommandLineTest weak = CommandLineTest.run("serve", "--model", none, "--token-file", shortToken.toString());
        assertThat(weak.exitCode()).isEqualTo(2);
        assertThat(weak.err()).contains("16");
    }
}
