package io.kaml.train;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Writes the run's checkpoint at every epoch end and, when asked, every {@code everySteps} steps: to
 * one file replaced atomically (a crash leaves the previous complete checkpoint), or to any store that
 * gives the same guarantee (a Hadoop filesystem path for a Spark job).
 */
public final class CheckpointListener implements TrainingListener {
    private final Consumer<Checkpoint> store;
    private final int everySteps;

    public CheckpointListener(Path file, int everySteps) {
        this(checkpoint -> checkpoint.write(file), everySteps);
    }

    /** @param store keeps the checkpoint it is given, replacing the previous one only once it is complete */
    public CheckpointListener(Consumer<Checkpoint> store, int everySteps) {
        this.store = store;
        this.everySteps = everySteps;
    }

    @Override
    public void onStep(Step step) {
        if (everySteps > 0 && step.globalStep() % everySteps == 0 && step.step() < step.stepsPerEpoch()) {
            store.accept(step.state().checkpoint());
        }
    }

    @Override
    public void onEpoch(Epoch epoch) {
        store.accept(epoch.state().checkpoint());
    }
}
