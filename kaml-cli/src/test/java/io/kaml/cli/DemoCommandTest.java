package io.kaml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void generatesTheDefaultWorldOnceThenReusesIt() throws Exception {
        CommandLineTest first = CommandLineTest.run("demo", "--dir", dir.toString(), "--clicks-per-day", "500", "--epochs", "1",
                "--seeds", "1,2").succeeds();
        assertThat(first.out()).contains("[1/3]").contains("generated in").contains("[2/3]").contains("[3/3]")
                .contains("14,000 samples").contains("Test AUC: mmoe").contains("| kaml |").contains("RelaImpr").contains("purchase");
        assertThat(dir.resolve("report/report.html")).isRegularFile();
        assertThat(first.err()).contains("experiment: run 4/4");
        assertThat(dir.resolve("data/dataset.yaml")).isRegularFile();
        long written = Files.getLastModifiedTime(dir.resolve("data/train.csv.gz")).toMillis();
        CommandLineTest second = CommandLineTest.run("demo", "--dir", dir.toString(), "--clicks-per-day", "500", "--epochs", "1",
                "--seeds", "1").succeeds();
        assertThat(second.out()).contains("reusing it").doesNotContain("generated in");
        assertThat(Files.getLastModifiedTime(dir.resolve("data/train.csv.gz")).toMillis()).isEqualTo(written);
    }
}
