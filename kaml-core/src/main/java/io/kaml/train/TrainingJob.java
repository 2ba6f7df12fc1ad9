package io.kaml.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaml.data.Dataset;
import io.kaml.data.DatasetSpec;
import io.kaml.data.Split;
import io.kaml.eval.MetricsReport;
import io.kaml.eval.ModelEvaluation;
import io.kaml.eval.Truth;
import io.kaml.loss.LabelMask;
import io.kaml.loss.LossConfig;
import io.kaml.loss.ReportCompleteness;
import io.kaml.model.ModelConfig;
import io.kaml.model.MultiTaskModel;
import io.kaml.model.Scorer;
import java.time.Instant;
import java.util.List;

/**
 * One complete training run on a loaded dataset: build the model, train it with early stopping on the
 * validation split, and evaluate it on the test split (with ground truth when there is some). What
 * {@code kaml train} and {@code kaml demo} run; experiments run many.
 */
public record TrainingJob(ModelConfig model, LossConfig loss, TrainConfig train, OptimizerConfig optimizer,
                          LearningRateSchedule schedule) {

    /**
     * The trained model, how training went and its test metrics.
     *
     * @param testScores   [n, actions] the model's probabilities for the test split, on the serving path
     * @param completeness the reliability-aware mask's estimate of each advertiser's reporting, or null for the
     *                     other masks
     */
    public record Outcome(MultiTaskModel model, TrainingResult training, MetricsReport test, float[] testScores,
                          ReportCompleteness completeness) {
    }

    /**
     * @param testTruth ground truth aligned with the test split's rows (read it once before training, so a
     *                  missing file fails early and several jobs share it), or null for none
     * @param listeners observe the run; those that {@link TrainingListener#observesFirstStage() ask} also observe the
     *                  reliability-aware mask's first stage
     * @param resume    a checkpoint of this same job to continue, or null
     */
    public Outcome run(Dataset data, Truth testTruth, List<TrainingListener> listeners, Checkpoint resume) {
        TrainingRows rows = TrainingRows.of(data);
        int advertisers = data.advertisers().size();
        // The first stage is trained afresh on a resume too: the same seed and data give the same estimate.
        ReportCompleteness completeness = loss.mask() == LabelMask.Kind.RELIABLE
                ? FirstStage.estimate(data, rows, model, train, optimizer, schedule, loss,
                        listeners.stream().filter(TrainingListener::observesFirstStage).toList())
                : null;
        MultiTaskModel network = MultiTaskModel.create(model, data.encoder().withMissingDropout(train.missingDropout()), train.seed());
        LabelMask mask = loss.labelMask(() -> rows.counts(advertisers), () -> completeness, data.spec().actionCount());
        TrainingResult result = new Trainer(train, optimizer, schedule, listeners).fit(network, rows.rows(), data.split(Split.VALID),
                loss.objective(mask, data.spec().actionCount(), train.seed()), resume);
        HeldOutSplit.Scored test;
        try (Scorer scorer = new Scorer(network, train.threads())) {
            test = HeldOutSplit.score(data, Split.TEST, scorer);
        }
        return new Outcome(network, result, ModelEvaluation.evaluate(data.spec().actions(), test.rows(), test.scores(), testTruth),
                test.scores(), completeness);
    }

    /** How a model of this job was made, for its model file. */
    public ObjectNode provenance(DatasetSpec spec, TrainingResult result, String kamlVersion) {
        ObjectNode p = new ObjectMapper().createObjectNode();
        p.put("created", Instant.now().toString());
        p.put("kaml_version", kamlVersion);
        p.put("data", spec.source().toAbsolutePath().toString());
        p.put("target_column", spec.columns().target());
        if (spec.columns().id() != null) {
            p.put("id_column", spec.columns().id());
        }
        p.set("loss", loss.toJson());
        p.set("train", train.toJson());
        p.set("optimizer", optimizer.toJson());
        p.set("schedule", schedule.toJson());
        p.put("best_epoch", result.bestEpoch() + 1);
        p.put("validation_all_auc", result.bestValidation().all().auc());
        return p;
    }
}
