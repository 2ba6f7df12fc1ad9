package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentReportTest {
    @TempDir
    Path dir;

    @Test
    void writesJsonMarkdownAndHtmlWithTheSameNumbers() throws Exception {
        String markdown = ExperimentReport.write(ExperimentResults.withPresets(List.of("base", "kaml"), true), "kaml experiment --x", dir);
        assertThat(Files.readString(dir.resolve("report.md"))).isEqualTo(markdown);
        // The numbers are worked out in ExperimentSummaryTest.
        assertThat(markdown).contains("```\nkaml experiment --x\n```", "Results on the simulator are claims about the simulator",
                "fewer than 30 positives or 30 negatives, whatever its p", "| action | test samples | positives | negatives | comparisons |",
                "| a | 100 | 50 | 50 | decided by p |", "| b | 100 | 5 | 95 | undecided (5 positives) |", "| all | 220 | 55 | 165 | decided by p |",
                "| preset | a | b | c | all | GAUC |",
                "| base | 0.7200 ± 0.0200 [0.5923, 0.8477] | 0.6000 ± 0.0000 [0.1199, 1.0000] | n/a | 0.7091 ± 0.0182 [0.5862, 0.8320] "
                        + "| 0.7091 ± 0.0182 |",
                "| mmoe | kaml | +63.64%** (p 0.006) | +266.67% (p 0.239) undecided (5 positives) | n/a (p n/a) | +72.46%** (p 0.003) |",
                "| mmoe | kaml | +0.1400 [+0.0402, +0.2398] | +0.2667 [-0.1785, +0.7118] | n/a |", "AUC against the true labels: mmoe",
                // The true labels are the observed positives (see ExperimentResults): the observed numbers again, on the
                // samples that target each action (row 220, unknown to the observed side, is a true negative of a).
                "True positives among those samples: a 50 of 101, b 5 of 100, c 0 of 20.",
                "These equal the observed-label AUCs: every advertiser reports its target action completely",
                "## Ranking by true probability: mmoe", "## Off-deployment diagnostic: every test sample: mmoe",
                "| base | 0.7200 ± 0.0200 [0.5923, 0.8477] | 0.6000 ± 0.0000 [0.1199, 1.0000] | n/a |",
                "## AUC difference over base against the true labels", "| backbone | preset | a | b | c |",
                "| mmoe | kaml | +0.1400 [+0.0402, +0.2398] (p 0.006)** | +0.2667 [-0.1785, +0.7118] (p 0.239) undecided (5 positives) "
                        + "| n/a (p n/a) |",
                "On the true labels, kaml on mmoe is significantly above base (p < 0.05) on a; undecided on b (5 positives), fewer "
                        + "than the 30 a verdict needs; untested on c (no defined AUC).",
                "No positives in the test split, so no AUC: c.", "The rarest action with test positives is b: 5 positives among the 100",
                "kaml vs base on mmoe: RelaImpr +266.67%, AUC difference +0.2667 [-0.1785, +0.7118], p 0.239: undecided: 5 positives in "
                        + "the test split, fewer than the 30 a verdict needs.",
                "| a | 1,000 | 100 | 500 | 40 | 1.5x |", "| c | 50 | 1 | 0 | 0 | 1.0x |",
                // The curves of ExperimentResults: loss 0.6 - 0.1 e + 0.01 s (+ 0.1 for kaml), AUC 0.6 + 0.05 e + 0.01 s (+ 0.02),
                // means over seeds 1, 2, 3, and kaml's seed 3 stopped after epoch 2.
                "## Training curves: mmoe", "| epoch | base loss | base valid AUC | kaml loss | kaml valid AUC |",
                "| 1 | 0.5200 | 0.6700 | 0.6200 | 0.6900 |", "| 3 | 0.3200 | 0.7700 | 0.4150 (2 seeds) | 0.7850 (2 seeds) |",
                "Kept epoch per seed (1, 2, 3): base 3, 3, 3; kaml 3, 3, 2.",
                // ECE with L of a's 50 positives low (0.1), 50 - L high (0.9), the negatives at 0.5: (0.9 L + 25 + 0.1 (50 - L)) / 100,
                // L = 15, 14, 13 for base; b likewise with 5 positives, 95 negatives; c: 20 negatives at 0.5. "all" pools them.
                "## Calibration: mmoe", "| base | 0.4120 ± 0.0080 | 0.4960 ± 0.0000 | 0.5000 ± 0.0000 | 0.4582 ± 0.0036 |",
                "| kaml | 0.3560 ± 0.0139 |",
                // Bins of 10 of a's 100 samples sorted by score: L low positives, then the 50 negatives, then the high ones; bin 2
                // of base holds 10 - L lows... averaged over seeds: (0.30 + 0.34 + 0.38) / 3 predicted, (0.5 + 0.4 + 0.3) / 3 observed.
                "## Reliability bins: mmoe", "| action | bin | samples | base predicted | base observed | kaml predicted | kaml observed |",
                "| a | 1 | 10 | 0.1000 | 1.0000 | 0.2200 | 0.7000 |", "| a | 2 | 10 | 0.3400 | 0.4000 | 0.5000 | 0.0000 |",
                "| a | 7 | 10 | 0.7400 | 0.6000 | 0.9000 | 1.0000 |", "| c | 10 | 2 | 0.5000 | 0.0000 | 0.5000 | 0.0000 |")
                .doesNotContain("t-test");
        // The reading is under its table.
        assertThat(markdown.indexOf("On the true labels, kaml on mmoe")).isGreaterThan(markdown.indexOf("| mmoe | kaml | +0.1400 [+0.0402, "
                + "+0.2398] (p 0.006)** |"));

        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.fieldNames()).toIterable().containsExactly("header", "command", "data", "truth", "config", "runs", "test_split", "aggregates",
                "comparisons", "truth_comparisons", "rarest_action", "actions_without_test_positives", "label_picture");
        assertThat(json.get("runs")).hasSize(6);
        assertThat(json.at("/runs/0/metrics/actions/a/auc").doubleValue()).isEqualTo(0.70);
        assertThat(json.at("/runs/0/metrics/actions/c/auc").isNull()).isTrue();
        assertThat(json.at("/test_split/actions/b/positives").intValue()).isEqualTo(5);
        assertThat(json.at("/test_split/actions/b/decidable").booleanValue()).isFalse();
        assertThat(json.at("/test_split/all/samples").intValue()).isEqualTo(220);
        assertThat(json.at("/aggregates/0/actions/a/auc/mean").doubleValue()).isCloseTo(0.72, within(1e-12));
        assertThat(json.at("/aggregates/0/actions/a/auc/interval/low").doubleValue()).isCloseTo(0.72 - 1.961136 * 0.065132, within(1e-6));
        assertThat(json.at("/aggregates/0/actions/b/auc/interval/high").doubleValue()).isEqualTo(1.0);
        assertThat(json.at("/aggregates/0/actions/a/truth_auc/n").intValue()).isEqualTo(3);
        assertThat(json.at("/aggregates/0/actions/a/truth_auc/interval/low").doubleValue()).isCloseTo(0.72 - 1.961136 * 0.065132,
                within(1e-6));
        assertThat(json.at("/test_split/truth/a/positives").intValue()).isEqualTo(50);
        assertThat(json.at("/test_split/truth/b/decidable").booleanValue()).isFalse();
        assertThat(json.at("/truth_comparisons/rows/0/actions/a/p").doubleValue()).isCloseTo(0.006037, within(1e-6));
        assertThat(json.at("/truth_comparisons/rows/0/actions/b/verdict").textValue()).isEqualTo("undecided");
        assertThat(json.at("/truth_comparisons/rows/0").has("all")).isFalse();
        JsonNode a = json.at("/comparisons/rows/0/actions/a");
        assertThat(a.get("p").doubleValue()).isCloseTo(0.006037, within(1e-6));
        assertThat(a.get("mean").doubleValue()).isCloseTo(0.14, within(1e-12));
        assertThat(a.get("test_variance").doubleValue()).isCloseTo(901.0 / 367_500, within(1e-15));
        assertThat(a.get("verdict").textValue()).isEqualTo("significant");
        assertThat(json.at("/comparisons/rows/0/actions/b/verdict").textValue()).isEqualTo("undecided");
        assertThat(json.at("/comparisons/rows/0/actions/c/verdict").textValue()).isEqualTo("untested");
        assertThat(json.at("/comparisons/rows/0/all/df").isNumber()).isTrue();
        assertThat(json.at("/rarest_action/action").textValue()).isEqualTo("b");
        assertThat(json.at("/actions_without_test_positives/0").textValue()).isEqualTo("c");
        assertThat(json.at("/aggregates/0/actions/c/auc/mean").isNull()).isTrue();
        assertThat(json.at("/runs/0/calibration").fieldNames()).toIterable().containsExactly("a", "b", "c", "all");
        assertThat(json.at("/runs/0/calibration/a/ece").doubleValue()).isCloseTo(0.42, within(1e-6));
        assertThat(json.at("/runs/0/calibration/a/bins")).hasSize(10);
        assertThat(json.at("/runs/0/calibration/a/bins/1/mean_predicted").doubleValue()).isCloseTo(0.3, within(1e-6));
        assertThat(json.at("/runs/0/calibration/a/bins/1/n").intValue()).isEqualTo(10);
        assertThat(json.at("/aggregates/0/actions/a/ece/mean").doubleValue()).isCloseTo(0.412, within(1e-6));
        assertThat(json.at("/aggregates/0/actions/a/calibration/6/mean_predicted").doubleValue()).isCloseTo(0.74, within(1e-6));
        assertThat(json.at("/aggregates/0/all/ece/mean").doubleValue()).isCloseTo(100.8 / 220, within(1e-6));
        assertThat(json.at("/runs/0/training_curve")).hasSize(3);
        assertThat(json.at("/runs/0/training_curve/0/epoch").intValue()).isEqualTo(1);
        assertThat(json.at("/runs/0/training_curve/0/training_loss").doubleValue()).isCloseTo(0.51, within(1e-12));
        assertThat(json.at("/runs/0/training_curve/2/validation_auc").doubleValue()).isCloseTo(0.76, within(1e-12));
        assertThat(json.at("/aggregates/1/training_curve/2/training_loss/n").intValue()).isEqualTo(2);
        assertThat(json.at("/aggregates/1/training_curve/2/validation_auc/mean").doubleValue()).isCloseTo(0.785, within(1e-12));

        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<td>0.7200 ± 0.0200 [0.5923, 0.8477]</td>", "+63.64%** (p 0.006)",
                "<td>undecided (5 positives)</td>", "</table>\n<p>On the true labels, kaml on mmoe is significantly above base");
        Matcher images = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int count = 0;
        while (images.find()) {
            byte[] png = Base64.getDecoder().decode(images.group(1));
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
            count++;
        }
        // AUC, calibration and training curves for the one backbone, and the label picture.
        assertThat(count).isEqualTo(4);
    }

    @Test
    void everyReportOpensWithVersionCommitTimeAndMachine() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String markdown = ExperimentReport.write(ExperimentResults.withPresets(List.of("base", "kaml"), false), "kaml experiment", dir);
        JsonNode header = new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("header");
        // Tests run from classes, whose package has no Implementation-Version.
        assertThat(header.get("kaml_version").textValue()).isEqualTo("dev");
        Instant written = Instant.parse(header.get("written").textValue());
        assertThat(written).isBetween(before, Instant.now());
        GitCommit commit = GitCommit.ofCode();
        assertThat(header.get("git_commit").textValue()).isEqualTo(commit == null ? null : commit.hash());
        assertThat(header.at("/machine/processors").intValue()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(header.at("/machine/max_heap_bytes").longValue()).isEqualTo(Runtime.getRuntime().maxMemory());
        assertThat(header.at("/machine").fieldNames()).toIterable().containsExactly("os", "arch", "processors", "cpu", "java",
                "max_heap_bytes");

        String code = commit == null ? "git commit unknown" : "git commit " + commit.hash();
        assertThat(markdown).startsWith("# kaml experiment\n\nkaml dev, " + code).contains("; written " + written + ".\n\nMachine: "
                + System.getProperty("os.name"), Runtime.getRuntime().availableProcessors() + " processors", "Java " + Runtime.version());
        assertThat(markdown.indexOf("## Plan")).isGreaterThan(markdown.indexOf("Machine: "));
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<h1>kaml experiment</h1>\n<p>kaml dev, " + code,
                "<p>Machine: ");
    }

    @Test
    void withoutAnyDefinedAucTheAucChartIsLeftOutAndTheRestIsWritten() throws Exception {
        String markdown = ExperimentReport.write(ExperimentResults.withoutAnyPositive(List.of("base", "kaml")), "kaml experiment", dir);
        assertThat(markdown).contains("No positives in the test split, so no AUC: a, b, c.").doesNotContain("rarest action with test positives");
        assertThat(Files.readString(dir.resolve("report.html")).split("data:image/png;base64,", -1)).hasSize(4);
        assertThat(new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("rarest_action").isNull()).isTrue();
    }

    @Test
    void withoutBaseTheComparisonIsOmittedWithANote() throws Exception {
        String markdown = ExperimentReport.write(ExperimentResults.withPresets(List.of("adm", "kaml"), false), "kaml experiment", dir);
        assertThat(markdown).contains("Omitted: the presets do not include base").doesNotContain("claims about the simulator")
                .doesNotContain("true labels");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.at("/comparisons/note").textValue()).contains("do not include base");
        assertThat(json.get("truth").isNull()).isTrue();
        assertThat(json.get("truth_comparisons").isNull()).isTrue();
    }
}
