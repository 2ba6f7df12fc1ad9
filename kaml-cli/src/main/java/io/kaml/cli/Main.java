package io.kaml.cli;

import io.kaml.artifact.ArtifactException;
import io.kaml.data.DataException;
import io.kaml.train.TrainingException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of {@code ./kaml}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code (for tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new KamlCommand())
                .addSubcommand(new DemoCommand())
                .addSubcommand(new SimulateCommand())
                .addSubcommand(new StatsCommand())
                .addSubcommand(new AuditCommand())
                .addSubcommand(new HideLabelsCommand())
                .addSubcommand(new KuaiRandCommand())
                .addSubcommand(new TrainCommand())
                .addSubcommand(new ExperimentCommand())
                .addSubcommand(new EvalCommand())
                .addSubcommand(new PredictCommand())
                .addSubcommand(new ServeCommand())
                .addSubcommand(new BenchCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(Main::handle);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Expected failures (bad data, bad arguments, a missing file) end with one line naming the problem
     * and exit code 2; anything else is a bug, so it keeps its stack trace.
     */
    public static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof DataException || e instanceof UserException || e instanceof IllegalArgumentException
                || e instanceof ArtifactException || e instanceof TrainingException) {
            err.println("kaml " + cli.getCommandName() + ": error: " + e.getMessage());
            if (System.getenv("KAML_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 2;
        }
        err.println("kaml " + cli.getCommandName() + ": internal error (please report): " + e);
        e.printStackTrace(err);
        return 1;
    }
}
