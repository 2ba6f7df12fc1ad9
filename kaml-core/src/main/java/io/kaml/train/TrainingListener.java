package io.kaml.train;

import io.kaml.eval.MetricsReport;

/**
 * Observes the loop; progress bars, logs and checkpoints are listeners. Callbacks run on the training
 * thread between steps, so they see a consistent model and must be quick (or accept slowing training).
 */
public interface TrainingListener {
    /**
     * @param firstEpoch 0 for a fresh run, later when resuming
     */
    record Start(int epochs, int stepsPerEpoch, long trainSamples, int firstEpoch, long firstGlobalStep) {
    }

    /** @param step step within the epoch, from 1 */
    record Step(int epoch, int step, int stepsPerEpoch, long globalStep, int batchRows, double loss, TrainingState state) {
    }

    /**
     * @param validation metrics on the validation split after this epoch
     * @param improved   whether its "all" AUC is the best so far (the model that will be kept)
     */
    record Epoch(int epoch, double meanLoss, MetricsReport validation, boolean improved, boolean stopping,
                 double seconds, TrainingState state) {
    }

    default void onStart(Start start) {
    }

    default void onStep(Step step) {
    }

    default void onEpoch(Epoch epoch) {
    }

    default void onEnd(TrainingResult result) {
    }

    /**
     * Whether this listener also observes the reliability-aware mask's first stage, a whole training of its own
     * before the run's (progress does; checkpoints and curves, which belong to the run's model, do not).
     */
    default boolean observesFirstStage() {
        return false;
    }
}
