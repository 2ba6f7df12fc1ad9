package io.kaml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaml.data.DatasetSpec;
import io.kaml.data.DatasetSpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HideLabelsCommandTest {
    @TempDir
    Path dir;

    @Test
    void makesAnAsymmetricTwinThatTheOtherCommandsRead() {
        CommandLineTest.run("simulate", "--out", dir.resolve("oracle").toString(), "--full-labels", "--days", "3", "--clicks-per-day", "300",
                "--users", "500", "--advertisers", "20", "--ads", "60").succeeds();
        String yaml = dir.resolve("oracle/dataset.yaml").toString();
        CommandLineTest hidden = CommandLineTest.run("hide-labels", "--data", yaml, "--keep", "target+1", "--by", "advertiser",
                "--seed", "4", "--out", dir.resolve("asym").toString()).succeeds();
        assertThat(hidden.out()).contains("Kept the target label and 1 other per advertiser (seed 4): 900 rows", "positives", "hidden",
                "purchase", "asym/dataset.yaml");
        DatasetSpec spec = DatasetSpecParser.parse(dir.resolve("asym/dataset.yaml"));
        assertThat(spec.truth().toAbsolutePath().normalize()).isEqualTo(dir.resolve("oracle/truth.csv.gz").toAbsolutePath().normalize());
        CommandLineTest.run("stats", "--data", dir.resolve("asym/dataset.yaml").toString()).succeeds();
    }

    @Test
    void aNonEmptyOutNeedsForceAndKeepIsBoundedByTheActions() throws IOException {
        CommandLineTest.run("simulate", "--out", dir.resolve("oracle").toString(), "--full-labels", "--days", "3", "--clicks-per-day", "100",
                "--users", "200", "--advertisers", "10", "--ads", "20").succeeds();
        String yaml = dir.resolve("oracle/dataset.yaml").toString();
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(out.resolve("train.csv.gz"), "a real dataset");
        CommandLineTest refused = CommandLineTest.run("hide-labels", "--data", yaml, "--keep", "target+1", "--out", out.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("Invalid value for option '--out': " + out + ": not empty and not a previous hide-labels output (holds train.csv.gz); pass --force");
        assertThat(Files.readString(out.resolve("train.csv.gz"))).isEqualTo("a real dataset");
        CommandLineTest.run("hide-labels", "--data", yaml, "--keep", "target+1", "--out", out.toString(), "--force").succeeds();
        assertThat(DatasetSpecParser.parse(out.resolve("dataset.yaml")).actionCount()).isEqualTo(5);

        CommandLineTest tooMany = CommandLineTest.run("hide-labels", "--data", yaml, "--keep", "target+5", "--out", dir.resolve("o").toString());
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.err()).contains("keep target+5: the dataset has 5 actions, so a sample has 4 labels besides its target's; "
                + "at most target+4");
    }

    @Test
    void badOptionsAreNamed() {
        CommandLineTest keep = CommandLineTest.run("hide-labels", "--data", "x.yaml", "--keep", "two", "--out", dir.toString());
        assertThat(keep.exitCode()).isEqualTo(2);
        assertThat(keep.err()).contains("--keep", "expected 'target' or 'target+K'");
        CommandLineTest by = CommandLineTest.run("hide-labels", "--data", dir.resolve("none.yaml").toString(), "--keep", "target+1",
                "--by", "user", "--out", dir.resolve("o").toString());
        assertThat(by.exitCode()).isEqualTo(2);
        assertThat(by.err()).contains("unknown mode 'user' (expected sample or advertiser)");
        CommandLineTest missing = CommandLineTest.run("hide-labels", "--data", dir.resolve("none.yaml").toString(), "--keep", "target",
                "--out", dir.resolve("o").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("none.yaml: dataset spec not found");
        assertThat(CommandLineTest.run("hide-labels", "--help").succeeds().out()).contains("Examples:", "--by", "target+K");
    }
}
