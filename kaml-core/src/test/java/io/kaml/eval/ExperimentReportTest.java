package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertThat(markdown).contains("```\nkaml experiment --x\n```", "Results on the simulator are claims about the simulator",
                "| preset | a | b | c | all | GAUC |",
                "| base | 0.7200 ± 0.0200 | 0.6100 ± 0.0141 | n/a | 0.7600 ± 0.0100 | 0.6600 ± 0.0000 |",
                "| mmoe | kaml | +22.73%* (p 0.013) | +9.09% (p 0.795) | n/a (p n/a) |", "AUC against the true labels: mmoe",
                "No positives in the test split, so no AUC: c.", "The rarest action with test positives is b: 5 positives among the 100",
                "kaml vs base on mmoe: RelaImpr +9.09%, p 0.795: not significant at 0.05.", "| a | 1,000 | 100 | 500 | 40 | 1.5x |", "| c | 50 | 1 | 0 | 0 | 1.0x |");

        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.fieldNames()).toIterable().containsExactly("command", "data", "truth", "config", "runs", "aggregates",
                "comparisons", "rarest_action", "actions_without_test_positives", "label_picture");
        assertThat(json.get("runs")).hasSize(6);
        assertThat(json.at("/runs/0/metrics/actions/a/auc").doubleValue()).isEqualTo(0.70);
        assertThat(json.at("/runs/2/metrics/actions/b/auc").isNull()).isTrue();
        assertThat(json.at("/aggregates/0/actions/a/auc/mean").doubleValue()).isCloseTo(0.72, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(json.at("/aggregates/0/actions/a/truth_auc/n").intValue()).isEqualTo(3);
        assertThat(json.at("/comparisons/rows/0/actions/a/p").doubleValue()).isCloseTo(0.01307, org.assertj.core.api.Assertions.within(1e-5));
        assertThat(json.at("/rarest_action/action").textValue()).isEqualTo("b");
        assertThat(json.at("/actions_without_test_positives/0").textValue()).isEqualTo("c");
        assertThat(json.at("/aggregates/0/actions/c/auc/mean").isNull()).isTrue();

        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<td>0.7200 ± 0.0200</td>", "+22.73%* (p 0.013)");
        Matcher images = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int count = 0;
        while (images.find()) {
            byte[] png = Base64.getDecoder().decode(images.group(1));
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
            count++;
        }
        // AUC and calibration for the one backbone, and the label picture.
        assertThat(count).isEqualTo(3);
    }

    @Test
    void withoutAnyDefinedAucTheAucChartIsLeftOutAndTheRestIsWritten() throws Exception {
        String markdown = ExperimentReport.write(ExperimentResults.withoutAnyAuc(ExperimentResults.withPresets(List.of("base", "kaml"), true)),
                "kaml experiment", dir);
        assertThat(markdown).contains("No positives in the test split, so no AUC: a, b, c.").doesNotContain("rarest action with test positives");
        assertThat(Files.readString(dir.resolve("report.html")).split("data:image/png;base64,", -1)).hasSize(3);
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
    }
}
