package io.kaml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@link Main} in-process and keeps what it printed. */
record CommandLineTest(int exitCode, String out, String err) {
    static CommandLineTest run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CommandLineTest(code, out.toString(), err.toString());
    }

    CommandLineTest succeeds() {
        assertThat(exitCode).as("exit code; stderr: %s", err).isZero();
        return this;
    }
}
