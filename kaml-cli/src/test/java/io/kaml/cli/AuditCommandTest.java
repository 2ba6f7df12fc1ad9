package io.kaml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void simulate() {
        CommandLineTest.run("simulate", "--out", dir.toString(), "--days", "4", "--clicks-per-day", "1000", "--users", "1000",
                "--advertisers", "30", "--ads", "100").succeeds();
    }

    @Test
    void showsWhatAdmAddsPerActionAndAdvertiser() {
        CommandLineTest run = CommandLineTest.run("audit", "--data", dir.resolve("dataset.yaml").toString(), "--adm-alpha", "3",
                "--adm-window", "2", "--advertisers", "5").succeeds();
        assertThat(run.out()).contains("adm(alpha=[3, 3, 3, 3, 3], window=2 days)").contains("target only").contains("purchase")
                .contains("Per advertiser (5 of");
    }

    @Test
    void badKnobsAreNamed() {
        CommandLineTest window = CommandLineTest.run("audit", "--data", dir.resolve("dataset.yaml").toString(), "--adm-window", "week");
        assertThat(window.exitCode()).isEqualTo(2);
        assertThat(window.err()).contains("--adm-window");
        CommandLineTest alpha = CommandLineTest.run("audit", "--data", dir.resolve("dataset.yaml").toString(), "--adm-alpha", "1,2");
        assertThat(alpha.exitCode()).isEqualTo(2);
        assertThat(alpha.err()).contains("'adm_alpha' has 2 values for 5 actions");
        // The audit is ADM's: RLU's and the reliable mask's knobs, which it would ignore, are not offered.
        CommandLineTest gamma = CommandLineTest.run("audit", "--data", dir.resolve("dataset.yaml").toString(), "--gamma", "0.5");
        assertThat(gamma.exitCode()).isEqualTo(2);
        assertThat(gamma.err()).contains("Unknown options: '--gamma'");
    }
}
