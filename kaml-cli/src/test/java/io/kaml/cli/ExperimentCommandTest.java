package io.kaml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCommandTest {
    private static final String[] SMALL_MODEL = {"--epochs", "1", "--batch-size", "128", "--lr", "0.01", "--embedding-lr", "0.01",
            "--embedding-dim", "4", "--expert-hidden", "16,8", "--tower-hidden", "8"};

    @TempDir
    static Path dir;

    private static Path yaml;
    private static CommandLineTest ran;

    @BeforeAll
    static void runOnce() throws Exception {
        CommandLineTest.run("simulate", "--out", dir.resolve("data").toString(), "--days", "6", "--clicks-per-day", "2000",
                "--users", "2000", "--advertisers", "40", "--ads", "200").succeeds();
        yaml = dir.resolve("data/dataset.yaml");
        Files.writeString(yaml, Files.readString(yaml) + "encoding: {buckets: 2000}\n");
        ran = CommandLineTest.run(args("--data", yaml.toString(), "--presets", "base,kaml", "--backbones", "mmoe", "--seeds", "1,2",
                "--out", dir.resolve("exp").toString())).succeeds();
    }

    private static String[] args(String... more) {
        String[] all = new String[1 + more.length + SMALL_MODEL.length];
        all[0] = "experiment";
        System.arraycopy(more, 0, all, 1, more.length);
        System.arraycopy(SMALL_MODEL, 0, all, 1 + more.length, SMALL_MODEL.length);
        return all;
    }

    @Test
    void showsProgressPerRunAndTraining() {
        assertThat(ran.err()).contains("experiment: run 1/4: base mmoe seed 1 ...", "experiment: run 2/4: kaml mmoe seed 1: all AUC",
                "experiment: run 4/4: kaml mmoe seed 2", "epoch 1/1 done", "wrote report.json, report.md and report.html");
    }

    @Test
    void reportJsonHasConfigRunsAggregatesAndComparisons() throws Exception {
        JsonNode json = new ObjectMapper().readTree(dir.resolve("exp/report.json").toFile());
        assertThat(json.fieldNames()).toIterable().contains("command", "data", "truth", "config", "runs", "aggregates", "comparisons",
                "rarest_action", "label_picture");
        assertThat(json.at("/config/presets").toString()).isEqualTo("[\"base\",\"kaml\"]");
        assertThat(json.at("/config/seeds").toString()).isEqualTo("[1,2]");
        assertThat(json.at("/config").fieldNames()).toIterable().contains("model", "loss", "train", "optimizer");
        assertThat(json.get("runs")).hasSize(4);
        assertThat(json.at("/runs/0/metrics/all/auc").doubleValue()).isBetween(0.5, 1.0);
        assertThat(json.at("/runs/0/metrics/truth/serving").size()).isEqualTo(5);
        assertThat(json.at("/runs/0/metrics/truth/every_sample/purchase/expected_auc").isNumber()).isTrue();
        // Per action and "all", each its ECE and 10 equal-count bins.
        assertThat(json.at("/runs/0/calibration").size()).isEqualTo(6);
        assertThat(json.at("/runs/0/calibration/activation/bins")).hasSize(10);
        assertThat(json.at("/runs/0/calibration/purchase/ece").isNumber()).isTrue();
        assertThat(json.get("aggregates")).hasSize(2);
        assertThat(json.at("/aggregates/0/all/auc/n").intValue()).isEqualTo(2);
        assertThat(json.at("/aggregates/1/actions/activation/truth_auc/mean").isNumber()).isTrue();
        assertThat(json.at("/comparisons/rows/0/preset").textValue()).isEqualTo("kaml");
        assertThat(json.at("/comparisons/rows/0/all/seeds").intValue()).isEqualTo(2);
        assertThat(json.at("/comparisons/rows/0/all/p").isNumber()).isTrue();
        assertThat(json.at("/comparisons/rows/0/all/test_variance").doubleValue()).isPositive();
        assertThat(json.at("/aggregates/0/actions/activation/auc/interval/low").isNumber()).isTrue();
        assertThat(json.at("/test_split/actions/purchase/positives").isInt()).isTrue();
        assertThat(json.at("/test_split/truth/purchase/positives").isInt()).isTrue();
        assertThat(json.at("/truth_comparisons/rows/0/actions/activation/p").isNumber()).isTrue();
        assertThat(json.at("/aggregates/0/actions/activation/truth_auc/interval/low").isNumber()).isTrue();
        // The runs' test scores stay in memory: a report does not grow with the test split.
        assertThat(json.at("/runs/0").fieldNames()).toIterable().containsExactly("preset", "backbone", "seed", "best_epoch", "seconds",
                "metrics", "training_curve", "calibration");
        // --epochs 1 and no early stop before it: one point per run.
        assertThat(json.at("/runs/0/training_curve")).hasSize(1);
        assertThat(json.at("/runs/0/training_curve/0/training_loss").doubleValue()).isPositive();
    }

    @Test
    void reportMarkdownHasTheTablesAndIsPrinted() throws Exception {
        String md = Files.readString(dir.resolve("exp/report.md"));
        assertThat(ran.out()).isEqualTo(md);
        assertThat(md).contains("kaml experiment --data " + yaml, "Seeds: 1, 2.", "## Test AUC: mmoe",
                "| preset | activation | registration | payment | retention | purchase | all | GAUC |", "## RelaImpr over base",
                "## Test split", "| action | test samples | positives | negatives | comparisons |", "## AUC difference over base",
                "| mmoe | kaml |", "## AUC against the true labels: mmoe", "The rarest action with test positives is",
                "Results on the simulator are claims about the simulator", "## Label picture", "## Calibration: mmoe",
                "## Reliability bins: mmoe", "| activation | 1 |", "## AUC difference over base against the true labels",
                "On the true labels, kaml on mmoe is", "## Training curves: mmoe", "| epoch | base loss | base valid AUC |")
                .containsPattern("\\| base \\| 0\\.\\d{4} ± 0\\.\\d{4} \\[0\\.\\d{4}, [01]\\.\\d{4}\\] \\|");
    }

    @Test
    void reportHtmlEmbedsThePngCharts() throws Exception {
        String html = Files.readString(dir.resolve("exp/report.html"));
        assertThat(html).contains("<table>", "data:image/png;base64,iVBORw0KGgo");
        // AUC, calibration and training curves of the one backbone, and the label picture.
        assertThat(html.split("data:image/png;base64,", -1)).hasSize(5);
    }

    @Test
    void theOptionsAnExperimentVariesAreRejectedInTheirSingleForm() {
        CommandLineTest seed = CommandLineTest.run(args("--data", yaml.toString(), "--seed", "3", "--out", dir.resolve("x").toString()));
        assertThat(seed.exitCode()).isEqualTo(2);
        assertThat(seed.err()).contains("Unknown options: '--seed', '3'").containsPattern("Possible solutions: .*--seeds");
        CommandLineTest reference = CommandLineTest.run(args("--data", yaml.toString(), "--presets", "base,kaml", "--reference", "adm",
                "--out", dir.resolve("x").toString()));
        assertThat(reference.exitCode()).isEqualTo(2);
        assertThat(reference.err()).contains("--reference adm is not among --presets base,kaml");
        CommandLineTest preset = CommandLineTest.run(args("--data", yaml.toString(), "--presets", "base,nope", "--out", dir.resolve("x").toString()));
        assertThat(preset.exitCode()).isEqualTo(2);
        assertThat(preset.err()).contains("unknown preset 'nope'");
        CommandLineTest twice = CommandLineTest.run(args("--data", yaml.toString(), "--seeds", "1,1", "--out", dir.resolve("x").toString()));
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("experiment key 'seeds' lists a value twice");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    /** The help offered --backbone beside --backbones, --preset and --mask beside --presets, --seed beside --seeds. */
    @Test
    void helpOffersOneOptionPerConcept() {
        String help = CommandLineTest.run("experiment", "--help").succeeds().out();
        List<String> options = Pattern.compile("(?m)^ {2}(?:-\\w, | {4})(--[a-z0-9-]+)").matcher(help.substring(0, help.indexOf("Examples:")))
                .results().map(m -> m.group(1)).toList();
        assertThat(options).contains("--presets", "--backbones", "--seeds", "--epochs", "--adm-alpha").doesNotHaveDuplicates()
                .doesNotContain("--preset", "--mask", "--backbone", "--seed");
        // a name and its plural are one concept
        assertThat(options.stream().map(o -> o.replaceAll("s$", ""))).as("singular and plural of one option").doesNotHaveDuplicates();
    }

    @Test
    void helpHasExamples() {
        assertThat(CommandLineTest.run("experiment", "--help").succeeds().out()).contains("Examples:", "--presets", "--seeds", "--backbones");
        assertThat(CommandLineTest.run("--help").succeeds().out()).contains("experiment");
    }
}
