package io.kaml.spark;

import io.kaml.train.TrainingListener;
import java.util.Locale;

/**
 * Replica 0's progress, written every {@code intervalNanos} and at each epoch end as one line next to the
 * checkpoint, where the driver reads it ({@link ProgressWatch}): a barrier stage tells Spark nothing until
 * it ends, and a job of hours must not look hung.
 */
final class ReplicaProgress implements TrainingListener {
    private final CheckpointStore store;
    private final long intervalNanos;
    private int epochs;
    private long lastWrite;
    private long samplesSinceWrite;
    private String lastValidation = "";

    ReplicaProgress(CheckpointStore store, long intervalNanos) {
        this.store = store;
        this.intervalNanos = intervalNanos;
    }

    @Override
    public void onStart(Start start) {
        epochs = start.epochs();
        lastWrite = System.nanoTime();
    }

    @Override
    public void onStep(Step step) {
        samplesSinceWrite += step.batchRows();
        long now = System.nanoTime();
        if (now - lastWrite >= intervalNanos) {
            store.writeProgress(String.format(Locale.ROOT, "epoch %d/%d, step %d/%d, %,.0f samples/s on replica 0%s",
                    step.epoch() + 1, epochs, step.step(), step.stepsPerEpoch(), samplesSinceWrite / ((now - lastWrite) / 1e9),
                    lastValidation));
            lastWrite = now;
            samplesSinceWrite = 0;
        }
    }

    @Override
    public void onEpoch(Epoch epoch) {
        lastValidation = String.format(Locale.ROOT, "; epoch %d validation all AUC %.4f%s", epoch.epoch() + 1,
                epoch.validation().all().auc(), epoch.improved() ? " (best so far)" : "");
        store.writeProgress(String.format(Locale.ROOT, "epoch %d/%d done in %.1f s, loss %.5f%s%s", epoch.epoch() + 1, epochs,
                epoch.seconds(), epoch.meanLoss(), lastValidation, epoch.stopping() ? "; stopping early" : ""));
    }
}
