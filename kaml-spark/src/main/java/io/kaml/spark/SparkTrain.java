package io.kaml.spark;

import io.kaml.cli.LossOptions;
import io.kaml.cli.Main;
import io.kaml.cli.MetricsOutputs;
import io.kaml.cli.ModelOptions;
import io.kaml.cli.SingleRunOptions;
import io.kaml.cli.TrainOptions;
import io.kaml.cli.UserException;
import io.kaml.data.BadRowPolicy;
import io.kaml.data.DatasetSpec;
import io.kaml.data.DatasetSpecParser;
import io.kaml.train.Preset;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code spark-submit --class io.kaml.spark.SparkTrain kaml-spark.jar …}: trains a kaml model on a table
 * Spark reads, with the options of {@code kaml train}, and writes the same model file.
 */
@Command(name = "kaml-spark-train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a kaml model as a Spark job: a fitting pass over the table, then one barrier stage in which",
                "every task trains a full replica on its partition and the tasks average gradients every step over a",
                "TCP ring. Writes the same model file as 'kaml train' (eval, predict and serve load it).",
                "Each task trains with spark.task.cpus worker threads (--threads is not used)."},
        footer = {"", "Example:",
                "  spark-submit --master yarn --num-executors 8 --executor-cores 2 \\",
                "      --conf spark.task.cpus=2 --class io.kaml.spark.SparkTrain \\",
                "      kaml-spark.jar --spec dataset.yaml --data ads.conversions --tasks 8 \\",
                "      --preset kaml --out kaml.kaml --checkpoint-dir hdfs:///tmp/kaml-ckpt"})
public final class SparkTrain implements Callable<Integer> {
    @Option(names = "--spec", required = true, paramLabel = "YAML",
            description = "The dataset spec: actions, columns, split (by day) and encoding, as for 'kaml train'.")
    Path specFile;

    @Option(names = "--data", paramLabel = "TABLE|PATH",
            description = "A table of the Spark catalog (e.g. a Hive table) or a path Spark reads (default: the spec's 'log').")
    String data;

    @Option(names = "--format", paramLabel = "NAME",
            description = "Reader of a path: parquet, orc, csv, json … (default: by the file extension, else parquet).")
    String format;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "1",
            description = "Model replicas, one per barrier task; the cluster needs N free task slots (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Mixin
    SingleRunOptions run;

    @Mixin
    ModelOptions model;

    @Mixin
    TrainOptions training;

    @Mixin
    LossOptions loss;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The model file to write (on the driver).")
    Path modelFile;

    @Mixin
    MetricsOutputs metrics;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Where replica 0 keeps the checkpoint a retried stage resumes from: a path every executor reaches "
                    + "(HDFS, S3, a shared disk; default: the model file + .ckpt, enough for one machine).")
    String checkpointDir;

    @Option(names = "--checkpoint-steps", paramLabel = "N", defaultValue = "0",
            description = "Also checkpoint every N steps (default: only at epoch ends).")
    int checkpointSteps;

    @Option(names = "--resume", description = "Continue the checkpoint found in --checkpoint-dir instead of refusing to start.")
    boolean resume;

    @Option(names = "--max-valid-rows", paramLabel = "N", defaultValue = "1000000",
            description = "Validation rows every replica scores after each epoch; a larger validation split is sampled (default: ${DEFAULT-VALUE}).")
    int maxValidRows;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "How long a replica waits for the others in a step before the stage fails and is retried (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--on-bad-row", paramLabel = "fail|skip", defaultValue = "fail",
            description = "On a row that breaks the data contract: stop naming it, or skip and count it (default: ${DEFAULT-VALUE}).")
    BadRowPolicy onBadRow;

    @Spec
    CommandSpec command;

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        // Stopped here rather than by Spark's shutdown hook, which races the executors' own and fails them noisily.
        SparkSession.getDefaultSession().foreach(session -> {
            session.stop();
            return null;
        });
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the job in the active (or a new) Spark session; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SparkTrain()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> Main.handle(SparkFailures.cause(e), line, parsed));
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (tasks < 1) {
            throw new UserException("--tasks must be at least 1, got " + tasks);
        }
        if (maxValidRows < 1) {
            throw new UserException("--max-valid-rows must be at least 1, got " + maxValidRows);
        }
        DatasetSpec spec = DatasetSpecParser.parse(specFile);
        Preset preset = run.preset();
        SparkJob job = new SparkJob(spec, Files.readString(specFile), preset.model(model.config(run.backbone())), run.loss(loss),
                training.config(run.seed(), checkpointSteps), training.optimizer(), onBadRow);
        SparkSession session = SparkSession.builder().appName("kaml train " + specFile.getFileName()).getOrCreate();
        String checkpoints = checkpointDir != null ? checkpointDir : modelFile.toAbsolutePath() + ".ckpt";
        SparkJob.Outcome outcome = job.run(session, data, format, tasks, maxValidRows, timeoutSeconds,
                new CheckpointStore(checkpoints), resume, modelFile, command.commandLine().getErr());
        PrintWriter stdout = command.commandLine().getOut();
        stdout.printf("Test metrics (%s, preset %s, %d replicas, seed %d):%n", job.model().backbone().key(), preset.key(), tasks,
                job.train().seed());
        stdout.print(outcome.test().toTable());
        metrics.write(outcome.test(), outcome.validation(), "kaml-spark", command.commandLine().getErr());
        return 0;
    }
}
