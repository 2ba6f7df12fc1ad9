package io.kaml.cli;

import io.kaml.eval.MetricsReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a training command writes its metrics as JSON: {@code kaml train} and the Spark job alike. */
public final class MetricsOutputs {
    @Option(names = "--metrics-out", paramLabel = "FILE", description = "Also write the test metrics as JSON.")
    Path test;

    @Option(names = "--valid-metrics-out", paramLabel = "FILE",
            description = "Also write the validation metrics of the kept epoch as JSON (for choosing settings without touching the test split).")
    Path validation;

    /** Writes the files asked for, saying so on {@code err} as {@code <command>: wrote <file>}. */
    public void write(MetricsReport testMetrics, MetricsReport validationMetrics, String command, PrintWriter err) throws IOException {
        if (test != null) {
            testMetrics.writeJson(test);
            err.printf("%s: wrote %s%n", command, test);
        }
        if (validation != null) {
            validationMetrics.writeJson(validation);
            err.printf("%s: wrote %s%n", command, validation);
        }
    }
}
