package io.kaml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsCommandTest {
    private static final String HEADER = "day,advertiser_id,target_action,y_a,y_b,price,user_id";

    @TempDir
    Path dir;

    @BeforeEach
    void writeDataset() throws IOException {
        Files.writeString(dir.resolve("dataset.yaml"), """
                actions: [a, b]
                files: {train: train.csv.gz, valid: valid.csv, test: test.csv}
                columns:
                  advertiser: advertiser_id
                  target: target_action
                  day: day
                  labels: {a: y_a, b: y_b}
                  numerical: [price]
                  categorical: [user_id]
                """);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("train.csv.gz")))) {
            out.write((HEADER + "\n0,x,a,1,1,3,u1\n0,x,a,0,0,3,u2\n0,y,b,1,1,3,u1\n0,y,b,0,oops,3,u3\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("valid.csv"), HEADER + "\n1,x,a,1,0,3,u1\n");
        Files.writeString(dir.resolve("test.csv"), HEADER + "\n2,y,b,0,1,3,u4\n");
    }

    @Test
    void badRowFailsWithFileLineAndColumn() {
        CommandLineTest run = CommandLineTest.run("stats", "--data", dir.resolve("dataset.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("train.csv.gz:5: column 'y_b': label must be 1, 0 or empty, got 'oops' (--on-bad-row skip skips such rows)")
                .doesNotContain("Exception");
    }

    @Test
    void onlyErrorsTheSkipPolicySkipsMentionIt() throws IOException {
        Path spec = dir.resolve("dataset.yaml");
        Files.writeString(spec, Files.readString(spec).replace("[user_id]", "[user_id, device]"));
        CommandLineTest header = CommandLineTest.run("stats", "--data", spec.toString());
        assertThat(header.err()).contains("column 'device': missing column").doesNotContain("--on-bad-row");
        Files.writeString(spec, Files.readString(spec).replace("actions: [a, b]", "actions: [a, a]"));
        CommandLineTest key = CommandLineTest.run("stats", "--data", spec.toString());
        assertThat(key.err()).contains("key 'actions': 'a' appears twice").doesNotContain("--on-bad-row");
    }

    @Test
    void skipReportsAndPrintsThePicture() {
        CommandLineTest run = CommandLineTest.run("stats", "--data", dir.resolve("dataset.yaml").toString(), "--on-bad-row", "skip").succeeds();
        assertThat(run.err()).contains("skipped 1 bad rows").contains("column 'y_b': label must be 1, 0 or empty");
        assertThat(run.out()).contains("3 samples, 2 advertisers").containsPattern("a\\s+2\\s+1\\s+50\\.000%");
    }

    @Test
    void testSplitAndBadOptions() {
        CommandLineTest test = CommandLineTest.run("stats", "--data", dir.resolve("dataset.yaml").toString(), "--split", "test").succeeds();
        assertThat(test.out()).contains("split test").contains("1 samples, 1 advertisers");
        CommandLineTest bad = CommandLineTest.run("stats", "--data", dir.resolve("dataset.yaml").toString(), "--on-bad-row", "ignore");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--on-bad-row").contains("expected fail or skip");
        CommandLineTest split = CommandLineTest.run("stats", "--data", dir.resolve("dataset.yaml").toString(), "--split", "dev");
        assertThat(split.exitCode()).isEqualTo(2);
        assertThat(split.err()).contains("unknown split 'dev'");
    }

    @Test
    void helpListsCommandsWithExamples() {
        assertThat(CommandLineTest.run("--help").succeeds().out()).contains("stats");
        assertThat(CommandLineTest.run("stats", "--help").succeeds().out()).contains("Examples:").contains("--on-bad-row");
    }
}
