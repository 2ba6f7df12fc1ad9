package io.kaml.train;

import io.kaml.data.Batch;
import io.kaml.data.Dataset;
import io.kaml.data.Split;
import io.kaml.loss.LabelMask;
import io.kaml.loss.LossConfig;
import io.kaml.loss.ReportCompleteness;
import io.kaml.model.ModelConfig;
import io.kaml.model.MultiTaskModel;
import io.kaml.model.Scorer;
import java.util.List;

/**
 * The reliability-aware mask's first stage (METHOD §2.5): a model trained with the target mask, whose
 * labels are complete, so that its probabilities say how many conversions of each action to expect on
 * the samples that target another; {@link ReportCompleteness} sets them against what each advertiser
 * reported. The same backbone, loop and seed as the run it serves, without HKE or ranking: only the
 * base's labels, nothing the mask is about to decide.
 */
final class FirstStage {
    private FirstStage() {
    }

    /**
     * @param listeners what observes the first stage's training (progress), not the run's checkpoints or curves
     */
    static ReportCompleteness estimate(Dataset data, TrainingRows rows, ModelConfig model, TrainConfig train,
                                       OptimizerConfig optimizer, LearningRateSchedule schedule, LossConfig loss,
                                       List<TrainingListener> listeners) {
        int actions = data.spec().actionCount();
        MultiTaskModel network = MultiTaskModel.create(model.withHke(false), data.encoder().withMissingDropout(train.missingDropout()),
                train.seed());
        LossConfig base = loss.with(LabelMask.Kind.TARGET, false);
        new Trainer(train, optimizer, schedule, listeners).fit(network, rows.rows(), data.split(Split.VALID),
                base.objective(LabelMask.target(), actions, train.seed()), null);
        ReportCompleteness.Tally tally = new ReportCompleteness.Tally(data.advertisers().size(), actions);
        try (Scorer scorer = new Scorer(network, train.threads())) {
            for (Batch block : rows.blocks()) {
                tally.add(block, scorer.score(block));
            }
        }
        return tally.estimate(loss.reliability());
    }
}
