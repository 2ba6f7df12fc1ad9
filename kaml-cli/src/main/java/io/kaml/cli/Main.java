package io.kaml.cli;

import io.kaml.artifact.ArtifactException;
import io.kaml.data.DataException;
import io.kaml.train.TrainingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
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
        IOException io = ioCause(e);
        if (io != null) {
            // A file that cannot be read or written (read-only place, full disk, a file where a directory should be)
            // is the user's to fix, not a bug: one line naming the path.
            err.println("kaml " + cli.getCommandName() + ": error: " + describe(io));
            if (System.getenv("KAML_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 2;
        }
        if (e instanceof DataException || e instanceof UserException || e instanceof IllegalArgumentException
                || e instanceof ArtifactException || e instanceof TrainingException) {
            err.println("kaml " + cli.getCommandName() + ": error: " + e.getMessage() + skipHint(e, cli));
            if (System.getenv("KAML_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 2;
        }
        err.println("kaml " + cli.getCommandName() + ": internal error (please report): " + e);
        e.printStackTrace(err);
        return 1;
    }

    /**
     * For a row the skip policy would have left out, how to leave such rows out; only where the command
     * has that option (the demo reads data it generated and has none) and for no other error.
     */
    private static String skipHint(Exception e, CommandLine cli) {
        return e instanceof DataException d && d.isBadRow() && cli.getCommandSpec().findOption("--on-bad-row") != null
                ? " (--on-bad-row skip skips such rows)" : "";
    }

    /** The I/O failure behind {@code e}: itself, or the cause of an {@link UncheckedIOException}. */
    private static IOException ioCause(Exception e) {
        if (e instanceof IOException io) {
            return io;
        }
        return e instanceof UncheckedIOException u ? u.getCause() : null;
    }

    /** E.g. {@code cannot write runs/m.json: No space left on device}, {@code /ro/m.json: permission denied}. */
    static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            String reason = switch (f) {
                case AccessDeniedException _ -> "permission denied";
                case NoSuchFileException _ -> "no such file or directory";
                case NotDirectoryException _ -> "not a directory";
                case FileAlreadyExistsException _ -> "already exists";
                default -> f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
            };
            return f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ": " + reason;
        }
        return "I/O error: " + e.getMessage();
    }
}
