package io.kaml.spark;

import io.kaml.artifact.ModelStore;
import io.kaml.cli.UserException;
import io.kaml.data.AdvertiserIndex;
import io.kaml.data.AtomicFile;
import io.kaml.data.BadRowPolicy;
import io.kaml.data.BadRowReport;
import io.kaml.data.Batch;
import io.kaml.data.DataException;
import io.kaml.data.DatasetSpec;
import io.kaml.data.DayRange;
import io.kaml.data.Split;
import io.kaml.data.SplitReader;
import io.kaml.eval.MetricsReport;
import io.kaml.eval.ModelEvaluation;
import io.kaml.loss.LabelMask;
import io.kaml.loss.LossConfig;
import io.kaml.model.ModelConfig;
import io.kaml.model.Scorer;
import io.kaml.train.OptimizerConfig;
import io.kaml.train.TrainConfig;
import io.kaml.artifact.EncoderCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The driver's side of a Spark training job: read the table, resolve the split's days, run the fitting
 * pass, hand the training rows to one barrier stage of {@link ReplicaTask}s, write the model replica 0
 * returns, and score the test split, as {@code kaml train} does. The configs are those of {@code kaml train}.
 *
 * @param train the global training config ({@code batch_size}: rows per step over all replicas)
 */
record SparkJob(DatasetSpec spec, String specYaml, ModelConfig model, LossConfig loss, TrainConfig train,
                OptimizerConfig optimizer, BadRowPolicy policy) {

    /** The test split's metrics, and the validation metrics of the kept epoch. */
    record Outcome(MetricsReport test, MetricsReport validation) {
    }

    SparkJob {
        if (spec.log() == null || spec.daySplit() == null) {
            throw new DataException(spec.source(), 0, null, "kaml-spark reads one table split by day: the spec needs 'log:' "
                    + "(the table or path, unless --data names it) and 'split:'");
        }
        if (!spec.tables().isEmpty()) {
            throw new DataException(spec.source(), 0, null, "key 'tables': kaml-spark reads one table; join the side tables "
                    + "in Spark SQL first and name their columns as features");
        }
        if (loss.mask() == LabelMask.Kind.RELIABLE) {
            // Its first stage (a whole target-mask training, then a scoring pass) has no distributed form yet.
            throw new UserException("the reliable mask is not available in kaml-spark: its first-stage model is trained by "
                    + "kaml train and kaml experiment only; use --mask adm here");
        }
    }

    Outcome run(SparkSession session, String data, String format, int tasks, int maxValidRows, long timeoutSeconds,
                CheckpointStore checkpoints, boolean resume, Path modelFile, PrintWriter err) throws IOException {
        checkBarrierSlots(session.sparkContext(), tasks);
        if (checkpoints.exists() && !resume) {
            throw new UserException("a checkpoint is at " + checkpoints.describe() + ": pass --resume to continue it, or "
                    + "choose another --checkpoint-dir");
        }
        String table = data != null ? data : logLocation();
        Dataset<Row> rows = projected(TableSource.read(session, table, format, spec.source()), table);
        Map<Split, DayRange> days = spec.daySplit().resolve(spec, spec.daySplit().countsDays() ? distinctDays(rows) : List.of());
        TableRead read = TableRead.of(spec.source(), specYaml, table, policy, days);
        err.printf("kaml-spark: %s; days train %s, valid %s, test %s%n", table, days.get(Split.TRAIN).describe(spec.dayFormat()),
                days.get(Split.VALID).describe(spec.dayFormat()), days.get(Split.TEST).describe(spec.dayFormat()));

        FittingPass.Fitted fitted = FittingPass.run(rows, read);
        err.printf("kaml-spark: fitted on %,d training rows (%,d validation, %,d test), %,d advertisers%n",
                fitted.rows()[Split.TRAIN.ordinal()], fitted.rows()[Split.VALID.ordinal()], fitted.rows()[Split.TEST.ordinal()],
                fitted.advertisers().size());
        if (!fitted.skipped().isEmpty()) {
            err.printf("kaml-spark: skipped bad rows: %s%n", fitted.skipped());
        }
        if (!fitted.bucketNotes().isEmpty()) {
            err.println(fitted.bucketNotes());
        }
        if (fitted.rows()[Split.TRAIN.ordinal()] < tasks) {
            throw new UserException("--tasks " + tasks + " is more than the " + fitted.rows()[Split.TRAIN.ordinal()] + " training rows");
        }

        List<ReplicaResult> results = trainReplicas(session, rows, read, fitted, tasks, validationRows(rows, read, fitted, maxValidRows, err),
                checkpoints, timeoutSeconds, err);
        ReplicaResult first = results.getFirst();

        ModelStore.Loaded trained = writeModel(first.model(), modelFile);
        err.printf("kaml-spark: wrote %s%n", modelFile);
        report(results, err);
        MetricsReport test = scoreTest(rows, read, trained, err);
        checkpoints.clear();
        return new Outcome(test, MetricsReport.fromJson(first.validation()));
    }

    /** The validation rows every replica scores: all of them, or a sample of {@code maxRows}. */
    private List<Row> validationRows(Dataset<Row> rows, TableRead read, FittingPass.Fitted fitted, int maxRows, PrintWriter err) {
        DayRange days = read.days().get(Split.VALID);
        Dataset<Row> valid = rows.filter(new DayFilter(spec.columns().day(), spec.dayFormat(), days));
        long validRows = fitted.rows()[Split.VALID.ordinal()];
        if (validRows == 0) {
            throw new DataException(Path.of(read.table()), 0, spec.columns().day(), "no row falls on the validation days "
                    + days.describe(spec.dayFormat()));
        }
        if (validRows > maxRows) {
            valid = valid.sample(false, Math.min(1.0, 1.1 * maxRows / validRows), train.seed()).limit(maxRows);
            err.printf("kaml-spark: validation on a sample of %,d of the %,d validation rows (--max-valid-rows)%n", maxRows, validRows);
        }
        return valid.collectAsList();
    }

    /** The barrier stage: one replica per task; their results in replica order. */
    private List<ReplicaResult> trainReplicas(SparkSession session, Dataset<Row> rows, TableRead read, FittingPass.Fitted fitted,
                                              int tasks, List<Row> validRows, CheckpointStore checkpoints, long timeoutSeconds,
                                              PrintWriter err) {
        Dataset<Row> trainRows = rows.filter(new DayFilter(spec.columns().day(), spec.dayFormat(), read.days().get(Split.TRAIN)));
        // A table read as one partition goes to one task as it is, in file order: then a one-task job is the same
        // run as 'kaml train' on the same file. Otherwise a round-robin shuffle balances the rows over the tasks
        // (a barrier stage cannot hold a coalesce: its input must have the stage's number of partitions).
        Dataset<Row> partitioned = tasks == 1 && trainRows.rdd().getNumPartitions() == 1 ? trainRows : trainRows.repartition(tasks);
        Broadcast<List<Row>> valid = session.sparkContext().broadcast(validRows, ClassTag$.MODULE$.apply(List.class));
        ReplicaPlan plan = new ReplicaPlan(read, EncoderCodec.toJson(fitted.encoder()).toString(), fitted.advertisers().names(),
                fitted.attribution(), model.toJson().toString(), loss.toJson().toString(), train.toJson().toString(),
                optimizer.toJson().toString(), tasks, valid, rows.schema(), checkpoints, train.checkpointSteps(), timeoutSeconds);
        err.printf("kaml-spark: training %d replica(s), %d rows per step each%n", tasks, plan.replicaTrainConfig(1).batchSize());
        ClassTag<ReplicaResult> tag = ClassTag$.MODULE$.apply(ReplicaResult.class);
        RDD<ReplicaResult> replicas = partitioned.javaRDD().rdd().barrier().mapPartitions(new ReplicaTask(plan), false, tag);
        // Spark retries a failed barrier stage (from the last checkpoint, here) only when it is a shuffle-map stage:
        // it gives up on a failed barrier result stage. So the few results reach the driver through a small shuffle.
        List<ReplicaResult> results;
        try (ProgressWatch watch = new ProgressWatch(checkpoints, 5_000, err)) {
            results = new ArrayList<>(JavaRDD.fromRDD(replicas, tag).repartition(1).collect());
        } finally {
            valid.destroy();
        }
        results.sort(Comparator.comparingInt(ReplicaResult::replica));
        return results;
    }

    /**
     * The spec's {@code log:} as Spark names it: a URI as written; a path against the spec's directory when
     * it is one there (as {@code kaml train} reads it) or looks like one; else a table name.
     */
    private String logLocation() {
        String entry = spec.log().entries().getFirst();
        if (entry.contains("://")) {
            return entry;
        }
        Path local = spec.log().dir().resolve(entry);
        return Files.exists(local) || TableSource.looksLikePath(entry) ? local.toString() : entry;
    }

    /** The columns the spec reads, each checked to be there. */
    private Dataset<Row> projected(Dataset<Row> table, String name) {
        List<String> have = List.of(table.columns());
        List<Column> columns = new ArrayList<>();
        for (String column : SplitReader.columnsOf(spec)) {
            if (!have.contains(column)) {
                throw new DataException(Path.of(name), 0, column, "missing column (declared in " + spec.source().getFileName()
                        + "; the table has " + have + ")");
            }
            columns.add(functions.col("`" + column + "`"));
        }
        return table.select(columns.toArray(Column[]::new));
    }

    private List<Integer> distinctDays(Dataset<Row> rows) {
        List<Integer> days = new ArrayList<>();
        for (Row row : rows.select(functions.col("`" + spec.columns().day() + "`")).distinct().collectAsList()) {
            try {
                days.add(spec.dayFormat().parse(SparkRowSource.text(row.get(0))));
            } catch (IllegalArgumentException e) {
                // reported with its partition and row by the fitting pass
            }
        }
        return days;
    }

    /**
     * Barrier mode runs all tasks at once or not at all: with too few slots Spark waits and then fails the
     * job with a message about barrier mode; say what to change before reading any data.
     */
    private static void checkBarrierSlots(SparkContext context, int tasks) {
        if (context.conf().getBoolean("spark.dynamicAllocation.enabled", false)) {
            throw new UserException("kaml-spark runs one barrier stage, which Spark does not allow with dynamic allocation: "
                    + "submit with --conf spark.dynamicAllocation.enabled=false");
        }
        int cpus = context.conf().getInt("spark.task.cpus", 1);
        int slots = context.defaultParallelism() / cpus;
        if (tasks > slots) {
            throw new UserException("--tasks " + tasks + " needs " + tasks + " task slots at once (barrier mode), but the "
                    + "application has " + slots + " (" + context.defaultParallelism() + " cores / spark.task.cpus " + cpus
                    + "); ask for more executors or cores, or fewer --tasks");
        }
    }

    /** Writes the file replica 0 made, as it made it (its provenance is complete), and loads it to score the test split. */
    private static ModelStore.Loaded writeModel(byte[] bytes, Path modelFile) throws IOException {
        AtomicFile.write(modelFile, bytes);
        return ModelStore.load(modelFile);
    }

    /** The collective's cost per step and replica, the figures of the benchmark. */
    private static void report(List<ReplicaResult> results, PrintWriter err) {
        long slowest = 1;
        long samples = 0;
        for (ReplicaResult r : results) {
            slowest = Math.max(slowest, r.trainNanos());
            samples += r.samples();
            long steps = Math.max(1, r.steps());
            err.printf("kaml-spark: replica %d: %,d rows (%,d per epoch), %,d steps%s, collective %.1f KB and %.2f ms per step, "
                            + "%.1f%% of %.1f s training%n", r.replica(), r.rows(), r.rowsPerEpoch(), r.steps(),
                    r.resumedAtStep() >= 0 ? " after resuming at step " + r.resumedAtStep() : "",
                    r.bytesSent() / 1024.0 / steps, r.collectiveNanos() / 1e6 / steps,
                    100.0 * r.collectiveNanos() / Math.max(1, r.trainNanos()), r.trainNanos() / 1e9);
        }
        err.printf("kaml-spark: %,.0f samples/s over %d replica(s) (rows trained / the slowest replica's time, "
                + "validation included)%n", samples / (slowest / 1e9), results.size());
    }

    /** The test split's metrics, its rows streamed to the driver a partition at a time. */
    private MetricsReport scoreTest(Dataset<Row> rows, TableRead read, ModelStore.Loaded trained, PrintWriter err) {
        Dataset<Row> test = rows.filter(new DayFilter(spec.columns().day(), spec.dayFormat(), read.days().get(Split.TEST)));
        Batch batch = read.readSplit(Split.TEST, trained.model().encoder(), new AdvertiserIndex(),
                new BadRowReport(), "test rows", rows.schema(), test.toLocalIterator());
        if (batch.size() == 0) {
            throw new DataException(Path.of(read.table()), 0, spec.columns().day(), "no row falls on the test days "
                    + read.days().get(Split.TEST).describe(spec.dayFormat()));
        }
        err.printf("kaml-spark: scoring %,d test rows on the driver%n", batch.size());
        try (Scorer scorer = new Scorer(trained.model(), train.threads())) {
            return ModelEvaluation.evaluate(scorer, spec.actions(), batch, null);
        }
    }
}
