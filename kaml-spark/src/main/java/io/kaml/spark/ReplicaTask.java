package io.kaml.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaml.artifact.ModelStore;
import io.kaml.data.AdvertiserIndex;
import io.kaml.data.BadRowReport;
import io.kaml.data.Batch;
import io.kaml.data.FeatureEncoder;
import io.kaml.data.Split;
import io.kaml.loss.AttributionCounts;
import io.kaml.loss.Objective;
import io.kaml.model.MultiTaskModel;
import io.kaml.train.Checkpoint;
import io.kaml.train.CheckpointListener;
import io.kaml.train.LearningRateSchedule;
import io.kaml.train.ReplicaRows;
import io.kaml.train.RingReduction;
import io.kaml.train.TcpRing;
import io.kaml.train.TrainConfig;
import io.kaml.train.Trainer;
import io.kaml.train.TrainingJob;
import io.kaml.train.TrainingListener;
import io.kaml.train.TrainingResult;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.sql.Row;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * One task of the barrier stage: a full model replica that trains on its partition's rows. The tasks
 * meet once through Spark ({@code allGather} of their row counts and ring addresses), then talk to each
 * other directly: every step's gradients are averaged over a {@link TcpRing}, so all replicas take the
 * same step. The loop is {@code kaml train}'s {@link Trainer}; only the batch source ({@link ReplicaRows})
 * and the gradient reduction ({@link RingReduction}) differ. Replica 0 writes checkpoints; a retried stage
 * resumes every replica from the newest one.
 */
final class ReplicaTask extends AbstractFunction1<scala.collection.Iterator<Row>, scala.collection.Iterator<ReplicaResult>>
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** How often replica 0 reports progress to the driver. */
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    private final ReplicaPlan plan;

    ReplicaTask(ReplicaPlan plan) {
        this.plan = plan;
    }

    @Override
    public scala.collection.Iterator<ReplicaResult> apply(scala.collection.Iterator<Row> rows) {
        BarrierTaskContext context = BarrierTaskContext.get();
        int replica = context.partitionId();
        FeatureEncoder encoder = plan.encoderValue();
        AdvertiserIndex advertisers = plan.advertiserIndex();
        String where = "partition " + replica;
        Batch train = plan.read().readSplit(Split.TRAIN, encoder, advertisers, new BadRowReport(), where, plan.schema(),
                CollectionConverters.asJava(rows));
        Batch valid = plan.read().readSplit(Split.VALID, encoder, plan.advertiserIndex(), new BadRowReport(), "validation rows",
                plan.schema(), plan.validRows().value().iterator());
        try (ServerSocket own = new ServerSocket(0)) {
            String host = context.getTaskInfos()[replica].address().replaceFirst(":\\d+$", "");
            String[] peers = context.allGather(train.size() + " " + host + ":" + own.getLocalPort());
            long rowsPerEpoch = Arrays.stream(peers).mapToLong(p -> Long.parseLong(p.substring(0, p.indexOf(' ')))).max().orElseThrow();
            List<String> addresses = Arrays.stream(peers).map(p -> p.substring(p.indexOf(' ') + 1)).toList();
            String token = context.stageId() + "." + context.stageAttemptNumber();
            try (TcpRing ring = TcpRing.connect(replica, addresses, own, token, Duration.ofSeconds(plan.timeoutSeconds()))) {
                return CollectionConverters.asScala(List.of(train(replica, encoder, train, valid, (int) rowsPerEpoch, ring,
                        advertisers)).iterator());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("replica " + replica + ": cannot open its ring socket: " + e.getMessage(), e);
        }
    }

    private ReplicaResult train(int replica, FeatureEncoder encoder, Batch rows, Batch valid, int rowsPerEpoch, TcpRing ring,
                                AdvertiserIndex advertisers) {
        TrainConfig config = plan.replicaTrainConfig(Math.max(1, BarrierTaskContext.get().cpus()));
        MultiTaskModel model = MultiTaskModel.create(plan.modelConfig(), encoder.withMissingDropout(config.missingDropout()), config.seed());
        AttributionCounts.Tally attribution = plan.attribution();
        Objective objective = plan.lossConfig().objective(() -> attribution.counts(advertisers.size()),
                model.encoder().actions().size(), config.seed());
        Checkpoint resume = plan.checkpoints().latest();
        long[] samples = {0};
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(new TrainingListener() {
            @Override
            public void onStep(Step step) {
                samples[0] += step.batchRows();
            }
        });
        if (replica == 0) {
            listeners.add(new CheckpointListener(plan.checkpoints()::write, plan.checkpointSteps()));
            listeners.add(new ReplicaProgress(plan.checkpoints(), PROGRESS_NANOS));
        }
        long start = System.nanoTime();
        TrainingResult result;
        try (RingReduction reduction = new RingReduction(model.parameters(), ring)) {
            result = new Trainer(config, plan.optimizerConfig(), LearningRateSchedule.constant(), listeners)
                    .fit(model, new ReplicaRows(rows, rowsPerEpoch, replica), valid, objective, resume, reduction);
        }
        long trainNanos = System.nanoTime() - start;
        byte[] file = null;
        String validation = null;
        if (replica == 0) {
            file = modelBytes(model, result);
            validation = result.bestValidation().toJson();
        }
        return new ReplicaResult(replica, file, validation, rows.size(), rowsPerEpoch,
                result.steps() - (resume == null ? 0 : resume.globalStep()), samples[0], ring.bytesSent(), ring.nanos(), trainNanos,
                resume == null ? -1 : resume.globalStep());
    }

    private byte[] modelBytes(MultiTaskModel model, TrainingResult result) {
        TrainingJob job = new TrainingJob(plan.modelConfig(), plan.lossConfig(), plan.globalTrainConfig(), plan.optimizerConfig(),
                LearningRateSchedule.constant());
        try {
            Path file = Files.createTempFile("kaml-model", ".kaml");
            try {
                String version = ReplicaTask.class.getPackage().getImplementationVersion();
                ObjectNode provenance = job.provenance(plan.read().spec(), result, version == null ? "dev" : version);
                provenance.put("data", plan.read().table());
                provenance.put("spark_replicas", plan.replicas());
                ModelStore.save(model, provenance, file);
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("replica 0: cannot write the model to a local temporary file: " + e.getMessage(), e);
        }
    }
}
