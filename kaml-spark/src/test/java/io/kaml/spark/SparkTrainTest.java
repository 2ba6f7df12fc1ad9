package io.kaml.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaml.artifact.ModelStore;
import io.kaml.artifact.ParameterValues;
import io.kaml.artifact.Tensor;
import io.kaml.eval.MetricsReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job in {@code local-cluster} mode: two executor JVMs of one core each, as on a cluster. The
 * table is a small simulated log written by Spark as typed Parquet; the reference is {@code kaml train}
 * on the same rows as CSV. Kept to three jobs, as each costs seconds on the 2-core CI machine.
 */
class SparkTrainTest {
    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path sparkSpec;
    static Path localSpec;

    /** Small model and data: the tests are about the job, not about accuracy. */
    static final List<String> MODEL = List.of("--preset", "kaml", "--embedding-dim", "8", "--experts", "2", "--expert-hidden", "32",
            "--tower-hidden", "16");
    static final List<String> SHORT = List.of("--epochs", "2", "--batch-size", "256");

    @BeforeAll
    static void startClusterAndWriteTable() throws IOException {
        Path sim = dir.resolve("sim");
        assertThat(io.kaml.cli.Main.run(new String[] {"simulate", "--out", sim.toString(), "--days", "6", "--clicks-per-day", "2500",
                "--valid-days", "1", "--test-days", "1", "--seed", "7"}, quiet(), quiet())).isZero();
        spark = LocalCluster.start(2, dir.resolve("spark-home"));
        Dataset<Row> log = null;
        for (String split : List.of("train", "valid", "test")) {
            Dataset<Row> part = spark.read().option("header", "true").csv(sim.resolve(split + ".csv.gz").toString());
            log = log == null ? part : log.unionByName(part);
        }
        // Typed columns, as a real table has them: integers, doubles and strings.
        Dataset<Row> typed = log.withColumn("day", functions.col("day").cast("int"))
                .withColumn("user_id", functions.col("user_id").cast("long"))
                .withColumn("hour", functions.col("hour").cast("int"))
                .withColumn("price", functions.col("price").cast("double"))
                .withColumn("user_activity", functions.col("user_activity").cast("float"))
                .coalesce(1);
        typed.write().mode(SaveMode.Overwrite).parquet(dir.resolve("log.parquet").toString());
        typed.write().mode(SaveMode.Overwrite).option("header", "true").csv(dir.resolve("log.csv").toString());
        String columns = Files.readString(sim.resolve("dataset.yaml"));
        columns = columns.substring(columns.indexOf("columns:"));
        String head = "actions: [activation, registration, payment, retention, purchase]\nsplit: {valid_days: 1, test_days: 1}\n";
        sparkSpec = Files.writeString(dir.resolve("spark.yaml"), head + "log: log.parquet\n" + columns);
        localSpec = Files.writeString(dir.resolve("local.yaml"), head + "log: log.csv\n" + columns);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void oneTaskTrainsTheSameModelAsKamlTrainOnTheSameRows() throws IOException {
        Path reference = dir.resolve("reference.kaml");
        List<String> local = new ArrayList<>(List.of("train", "--data", localSpec.toString(), "--threads", "1", "--seed", "1",
                "--out", reference.toString()));
        local.addAll(MODEL);
        local.addAll(SHORT);
        assertThat(io.kaml.cli.Main.run(local.toArray(String[]::new), quiet(), quiet())).isZero();

        Path model = dir.resolve("one-task.kaml");
        Run run = submit(model, SHORT, "--tasks", "1", "--seed", "1");
        assertThat(run.code).as(run.err).isZero();

        List<Tensor> expected = ParameterValues.copy(ModelStore.load(reference).model().parameters());
        List<Tensor> actual = ParameterValues.copy(ModelStore.load(model).model().parameters());
        assertThat(actual).hasSameSizeAs(expected);
        for (int t = 0; t < expected.size(); t++) {
            assertThat(actual.get(t).data()).as(expected.get(t).name()).isEqualTo(expected.get(t).data());
        }
        assertThat(ModelStore.load(model).provenance().get("spark_replicas").intValue()).isEqualTo(1);
    }

    @Test
    void twoTasksReachTheTestAucOfOneWithinTheSpreadOverSeeds() throws IOException {
        List<Double> oneTask = new ArrayList<>();
        for (String seed : List.of("1", "2", "3")) {
            Path metrics = dir.resolve("local-" + seed + ".json");
            List<String> local = new ArrayList<>(List.of("train", "--data", localSpec.toString(), "--threads", "1", "--seed", seed,
                    "--out", dir.resolve("local-" + seed + ".kaml").toString(), "--metrics-out", metrics.toString()));
            local.addAll(MODEL);
            local.addAll(SHORT);
            assertThat(io.kaml.cli.Main.run(local.toArray(String[]::new), quiet(), quiet())).isZero();
            oneTask.add(MetricsReport.readJson(metrics).all().auc());
        }
        Path metrics = dir.resolve("two-tasks.json");
        Path validMetrics = dir.resolve("two-tasks-valid.json");
        Run run = submit(dir.resolve("two-tasks.kaml"), SHORT, "--tasks", "2", "--seed", "1", "--metrics-out", metrics.toString(),
                "--valid-metrics-out", validMetrics.toString());
        assertThat(run.code).as(run.err).isZero();
        assertThat(MetricsReport.readJson(validMetrics).all().n()).as("the validation day's rows").isEqualTo(2500);
        assertThat(run.err).contains("replica 1:").contains("collective");
        double spread = oneTask.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                - oneTask.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double mean = oneTask.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        // Within the seeds' own spread of the one-process runs, or 0.01 if the three happen to agree closely.
        assertThat(MetricsReport.readJson(metrics).all().auc()).as("local AUCs " + oneTask).isCloseTo(mean,
                org.assertj.core.data.Offset.offset(Math.max(spread, 0.01)));
    }

    @Test
    void aKilledExecutorEndsInARetriedStageThatResumesFromTheCheckpoint() throws Exception {
        Path model = dir.resolve("killed.kaml");
        Path checkpoints = dir.resolve("killed-checkpoints");
        CompletableFuture<Run> job = CompletableFuture.supplyAsync(() -> submit(model, List.of("--epochs", "4", "--batch-size", "64"),
                "--tasks", "2", "--seed", "1", "--checkpoint-steps", "40", "--checkpoint-dir", checkpoints.toString()));
        Path checkpoint = checkpoints.resolve("checkpoint.kaml");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(checkpoint) && !job.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Files.exists(checkpoint)).as("a checkpoint appeared before the job ended").isTrue();
        assertThat(LocalCluster.killOneExecutor()).as("an executor JVM was found and killed").isTrue();
        Run run = job.get(300, TimeUnit.SECONDS);
        assertThat(run.code).as(run.err).isZero();
        assertThat(run.err).contains("after resuming at step");
        assertThat(ModelStore.load(model).model().parameters().parameters()).isNotEmpty();
        assertThat(checkpoints).as("removed after the job completed").doesNotExist();
    }

    @Test
    void theReliableMaskIsRefusedBeforeAnyTaskRuns() {
        Run run = submit(dir.resolve("reliable.kaml"), List.of("--epochs", "1"), "--tasks", "1", "--mask", "reliable");
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("the reliable mask is not available in kaml-spark").doesNotContain("\tat ");
    }

    record Run(int code, String err) {
    }

    static Run submit(Path model, List<String> loop, String... options) {
        List<String> args = new ArrayList<>(List.of("--spec", sparkSpec.toString(), "--out", model.toString()));
        args.addAll(MODEL);
        args.addAll(loop);
        args.addAll(List.of(options));
        StringWriter err = new StringWriter();
        int code = SparkTrain.run(args.toArray(String[]::new), quiet(), new PrintWriter(err, true));
        return new Run(code, err.toString());
    }

    static PrintWriter quiet() {
        return new PrintWriter(new StringWriter(), true);
    }
}
