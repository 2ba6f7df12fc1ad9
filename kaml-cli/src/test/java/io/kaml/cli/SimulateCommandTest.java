package io.kaml.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SimulateCommandTest {
    private static final String[] SMALL = {"--days", "3", "--clicks-per-day", "200", "--users", "500",
        "--advertisers", "20", "--ads", "60"};

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new SimulateCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private String[] small(String... more) {
        String[] args = new String[SMALL.length + more.length];
        System.arraycopy(SMALL, 0, args, 0, SMALL.length);
        System.arraycopy(more, 0, args, SMALL.length, more.length);
        return args;
    }

    @Test
    void writesTheDatasetAndPrintsTheSummaryTable() {
        Path target = directory.resolve("sim");
        assertThat(run(small("--out", target.toString(), "--full-labels", "--seed", "5"))).isZero();
        assertThat(target.resolve("train.csv.gz")).isRegularFile();
        assertThat(target.resolve("dataset.yaml")).isRegularFile();
        assertThat(out.toString()).contains("action", "base rate", "activation", "purchase", "samples: 200 train");
        assertThat(err.toString()).contains("wrote 600 samples");
    }

    @Test
    void theSimulatorJsonRecordsTheOptions() throws IOException {
        assertThat(run(small("--out", directory.toString(), "--no-shift", "--no-skew", "--seed", "11", "--definition-shift", "0",
                "--targeted-delivery", "0", "--postback-delay", "0", "--attribution-window", "0"))).isZero();
        String json = Files.readString(directory.resolve("simulator.json"));
        assertThat(json).contains("\"seed\" : 11", "\"noShift\" : true", "\"noSkew\" : true",
                "\"reliableReporting\" : false", "\"clicksPerDay\" : 200");
        // A mechanism at 0 is left out, so the file reads as that of a version without the mechanism.
        assertThat(json).doesNotContain("definitionShift", "targetedDelivery", "postbackDelay", "attributionWindow");
    }

    @Test
    void aMechanismThatIsOnIsRecordedAndPrintsItsEffect() throws IOException {
        assertThat(run(small("--out", directory.toString(), "--definition-shift", "0.5", "--targeted-delivery", "1",
                "--postback-delay", "1.5", "--attribution-window", "7"))).isZero();
        assertThat(Files.readString(directory.resolve("simulator.json"))).contains("\"definitionShift\" : 0.5",
                "\"targetedDelivery\" : 1.0", "\"postbackDelay\" : 1.5", "\"attributionWindow\" : 7");
        assertThat(out.toString()).contains("definition shift 0.5: ", "targeted delivery 1: ",
                "postbacks, mean delay 1.5 d, window 7 d: ");
    }

    @Test
    void aBadValueNamesItsOption() {
        assertThat(run("--out", directory.toString(), "--clicks-per-day", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--clicks-per-day'", "got 0");
        assertThat(run("--out", directory.toString(), "--days", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--days'");
        assertThat(run("--out", directory.toString(), "--advertisers", "100", "--ads", "50")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--ads'");
        assertThat(run("--out", directory.toString(), "--users", "many")).isEqualTo(2);
        assertThat(err.toString()).contains("--users");
        assertThat(run("--out", directory.toString(), "--definition-shift", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--definition-shift'", "got -1.0");
        assertThat(run("--out", directory.toString(), "--definition-shift", "NaN")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--definition-shift'", "got NaN");
        assertThat(run("--out", directory.toString(), "--targeted-delivery", "-0.5")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--targeted-delivery'", "got -0.5");
        assertThat(run("--out", directory.toString(), "--postback-delay", "-2")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--postback-delay'", "got -2.0");
        assertThat(run("--out", directory.toString(), "--attribution-window", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--attribution-window'", "got -1");
    }

    @Test
    void refusesAForeignDirectoryWithoutForce() throws IOException {
        Files.writeString(directory.resolve("mine.txt"), "keep");
        assertThat(run(small("--out", directory.toString()))).isEqualTo(2);
        assertThat(err.toString()).contains("--out", "--force");
        assertThat(directory.resolve("train.csv.gz")).doesNotExist();
        assertThat(run(small("--out", directory.toString(), "--force"))).isZero();
        assertThat(directory.resolve("train.csv.gz")).isRegularFile();
    }

    @Test
    void theOutputDirectoryIsRequired() {
        assertThat(run(SMALL)).isEqualTo(2);
        assertThat(err.toString()).contains("--out");
    }

    @Test
    void helpShowsDefaultsAndExamples() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--clicks-per-day=N", "default: 20000", "Examples:",
                "--reliable-reporting", "--full-labels");
    }
}
