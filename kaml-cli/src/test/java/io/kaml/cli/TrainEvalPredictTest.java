package io.kaml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.kaml.data.LogFileInput;
import io.kaml.eval.Auc;
import io.kaml.eval.MetricsReport;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainEvalPredictTest {
    @TempDir
    static Path dir;

    private static Path yaml;
    private static CommandLineTest trained;

    @BeforeAll
    static void trainOnce() throws Exception {
        CommandLineTest.run("simulate", "--out", dir.resolve("data").toString(), "--days", "6", "--clicks-per-day", "2000",
                "--users", "2000", "--advertisers", "40", "--ads", "200").succeeds();
        yaml = dir.resolve("data/dataset.yaml");
        Files.writeString(yaml, Files.readString(yaml) + "encoding: {buckets: 2000}\n");
        trained = CommandLineTest.run("train", "--data", yaml.toString(), "--out", dir.resolve("m.kaml").toString(),
                "--metrics-out", dir.resolve("train-metrics.json").toString(), "--valid-metrics-out", dir.resolve("valid-metrics.json").toString(), "--epochs", "2", "--batch-size", "128", "--lr", "0.01",
                "--embedding-lr", "0.01", "--embedding-dim", "4", "--expert-hidden", "16,8", "--tower-hidden", "8", "--seed", "3",
                "--keep-checkpoint").succeeds();
    }

    @Test
    void trainWritesModelMetricsAndPrintsTheTable() throws Exception {
        assertThat(dir.resolve("m.kaml")).isRegularFile();
        assertThat(dir.resolve("m.kaml.ckpt")).isRegularFile();
        assertThat(trained.out()).contains("Test metrics (mmoe, preset base, target mask, seed 3)").contains("purchase").contains("GAUC")
                .contains("truth");
        assertThat(trained.err()).contains("epoch 2/2 done").contains("validation all AUC")
                .contains("train: warning: an epoch is only 63 optimiser steps").contains("lower --batch-size (to about 80 for 100 steps)");
        MetricsReport metrics = MetricsReport.readJson(dir.resolve("train-metrics.json"));
        assertThat(metrics.all().auc()).isGreaterThan(0.6);
        assertThat(metrics.truth()).isNotNull();
        MetricsReport valid = MetricsReport.readJson(dir.resolve("valid-metrics.json"));
        assertThat(valid.all().n()).isEqualTo(2000);
        assertThat(valid.truth()).isNull();
    }

    @Test
    void evalReproducesTrainsTestMetrics() throws Exception {
        CommandLineTest.run("eval", "--model", dir.resolve("m.kaml").toString(), "--data", yaml.toString(),
                "--metrics-out", dir.resolve("eval.json").toString()).succeeds();
        assertThat(MetricsReport.readJson(dir.resolve("eval.json")))
                .isEqualTo(MetricsReport.readJson(dir.resolve("train-metrics.json")));
    }

    @Test
    void trainingAndEvaluationThroughTheCacheReproduceTheirMetrics() throws Exception {
        Path cache = dir.resolve("cache");
        CommandLineTest streamed = CommandLineTest.run("train", "--data", yaml.toString(), "--cache", cache.toString(),
                "--out", dir.resolve("s.kaml").toString(), "--metrics-out", dir.resolve("s-metrics.json").toString(), "--epochs", "2",
                "--batch-size", "128", "--lr", "0.01", "--embedding-lr", "0.01", "--embedding-dim", "4", "--expert-hidden", "16,8",
                "--tower-hidden", "8", "--seed", "3").succeeds();
        assertThat(streamed.err()).contains("building the cache at").contains("train and test streamed from the cache");
        MetricsReport metrics = MetricsReport.readJson(dir.resolve("s-metrics.json"));
        assertThat(metrics.all().auc()).isGreaterThan(0.6);
        assertThat(metrics.truth()).isNotNull();
        // eval through the cache scores block by block and reproduces the test metrics of the run, truth included.
        CommandLineTest eval = CommandLineTest.run("eval", "--model", dir.resolve("s.kaml").toString(), "--data", yaml.toString(),
                "--cache", cache.toString(), "--metrics-out", dir.resolve("s-eval.json").toString()).succeeds();
        assertThat(eval.err()).contains("using the cache at");
        assertThat(MetricsReport.readJson(dir.resolve("s-eval.json"))).isEqualTo(metrics);
        // and the in-memory eval of the same model agrees.
        CommandLineTest.run("eval", "--model", dir.resolve("s.kaml").toString(), "--data", yaml.toString(),
                "--metrics-out", dir.resolve("s-eval-memory.json").toString()).succeeds();
        assertThat(MetricsReport.readJson(dir.resolve("s-eval-memory.json"))).isEqualTo(metrics);
    }

    @Test
    void predictScoresTheTargetActionWithTheSameScoresAsEval() throws Exception {
        Path scores = dir.resolve("scores.csv");
        CommandLineTest.run("predict", "--model", dir.resolve("m.kaml").toString(), "--input",
                dir.resolve("data/test.csv.gz").toString(), "--out", scores.toString()).succeeds();
        Map<String, String> targetLabel = new HashMap<>();
        try (var csv = CsvReader.builder().ofNamedCsvRecord(new InputStreamReader(LogFileInput.open(dir.resolve("data/test.csv.gz")), StandardCharsets.UTF_8))) {
            for (NamedCsvRecord r : csv) {
                targetLabel.put(r.getField("sample_id"), r.getField("y_" + r.getField("target_action")));
            }
        }
        List<Float> score = new ArrayList<>();
        List<Boolean> label = new ArrayList<>();
        try (var csv = CsvReader.builder().ofNamedCsvRecord(scores)) {
            for (NamedCsvRecord r : csv) {
                assertThat(r.getField("score")).isEqualTo(r.getField("p_" + r.getField("target")));
                score.add(Float.parseFloat(r.getField("score")));
                label.add(targetLabel.get(r.getField("id")).equals("1"));
            }
        }
        assertThat(score).hasSize(2000);
        float[] s = new float[score.size()];
        boolean[] y = new boolean[score.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = score.get(i);
            y[i] = label.get(i);
        }
        assertThat(Auc.of(s, y)).isEqualTo(MetricsReport.readJson(dir.resolve("train-metrics.json")).all().auc());
    }

    @Test
    void resumeAfterCompletionContinuesToMoreEpochs() throws Exception {
        Files.copy(dir.resolve("m.kaml.ckpt"), dir.resolve("more.kaml.ckpt"));
        CommandLineTest more = CommandLineTest.run("train", "--data", yaml.toString(), "--out", dir.resolve("more.kaml").toString(),
                "--epochs", "3", "--batch-size", "128", "--lr", "0.01", "--embedding-lr", "0.01", "--embedding-dim", "4", "--expert-hidden", "16,8",
                "--tower-hidden", "8", "--seed", "3", "--resume").succeeds();
        assertThat(more.err()).contains("resuming at epoch 3").contains("epoch 3/3 done").doesNotContain("epoch 1/3 done");
    }

    @Test
    void badInputsAreNamed() {
        CommandLineTest missing = CommandLineTest.run("eval", "--model", dir.resolve("none.kaml").toString(), "--data", yaml.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("model file not found");
        CommandLineTest backbone = CommandLineTest.run("train", "--data", yaml.toString(), "--out", dir.resolve("x.kaml").toString(),
                "--backbone", "transformer");
        assertThat(backbone.exitCode()).isEqualTo(2);
        assertThat(backbone.err()).contains("unknown backbone 'transformer'");
        CommandLineTest resume = CommandLineTest.run("train", "--data", yaml.toString(), "--out", dir.resolve("y.kaml").toString(), "--resume");
        assertThat(resume.exitCode()).isEqualTo(2);
        assertThat(resume.err()).contains("no checkpoint at");
        CommandLineTest partners = CommandLineTest.run("train", "--data", yaml.toString(), "--out", dir.resolve("z.kaml").toString(),
                "--preset", "kaml", "--pair-partners", "everyone");
        assertThat(partners.exitCode()).isEqualTo(2);
        assertThat(partners.err()).contains("--pair-partners: expected batch or advertiser, got 'everyone'");
        CommandLineTest threshold = CommandLineTest.run("train", "--data", yaml.toString(), "--out", dir.resolve("z.kaml").toString(),
                "--preset", "reliable", "--reliable-threshold", "1.2");
        assertThat(threshold.exitCode()).isEqualTo(2);
        assertThat(threshold.err()).contains("--reliable-threshold must be in (0, 1], got 1.2");
    }

    @Test
    void anOutputThatCannotBeWrittenIsOneLineNamingThePath() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        CommandLineTest blocked = CommandLineTest.run("eval", "--model", dir.resolve("m.kaml").toString(), "--data", yaml.toString(),
                "--metrics-out", file.resolve("eval.json").toString());
        assertThat(blocked.exitCode()).isEqualTo(2);
        assertThat(blocked.err().strip()).startsWith("kaml eval: error: " + file).doesNotContain("\tat ").doesNotContain("\n");
    }

    @Test
    void theCheckpointIsRemovedOnceTheModelIsWrittenUnlessKept() {
        CommandLineTest run = CommandLineTest.run("train", "--data", yaml.toString(), "--out", dir.resolve("plain.kaml").toString(),
                "--epochs", "1", "--batch-size", "64", "--embedding-dim", "4", "--expert-hidden", "8", "--tower-hidden", "4").succeeds();
        assertThat(dir.resolve("plain.kaml")).isRegularFile();
        assertThat(dir.resolve("plain.kaml.ckpt")).doesNotExist();
        assertThat(run.err()).contains("removed the checkpoint").doesNotContain("warning: an epoch is only");
    }

    @Test
    void theReliableMaskSaysWhomItTrustsAndWritesItsTable() throws Exception {
        CommandLineTest run = CommandLineTest.run("train", "--data", yaml.toString(), "--out", dir.resolve("reliable.kaml").toString(),
                "--preset", "reliable", "--epochs", "1", "--batch-size", "64", "--embedding-dim", "4", "--expert-hidden", "8",
                "--tower-hidden", "4").succeeds();
        Path table = dir.resolve("reliable.kaml.completeness.csv");
        assertThat(run.err()).contains("the reliable mask first trains a target-mask model")
                .containsPattern("the reliable mask trusts \\d+ of \\d+ advertiser x action pairs").contains(table.toString());
        assertThat(run.out()).contains("preset reliable, reliable mask");
        java.util.List<String> lines = Files.readAllLines(table);
        assertThat(lines.getFirst()).isEqualTo("advertiser,action,samples,reported,expected,scale,completeness,lower_bound,trusted");
        assertThat(lines.size()).isGreaterThan(10);
    }
}
