package io.kaml.train;

import java.nio.file.Path;

/**
 * Writes the run's checkpoint at every epoch end and, when asked, every {@code everySteps} steps, to
 * one file replaced atomically: a crash leaves the previous complete checkpoint.
 */
public final class CheckpointListener implements TrainingListener {
    private final Path file;
    private final int everySteps;

    public CheckpointListener(Path file, int everySteps) {
        this.file = file;
        this.everySteps = everySteps;
    }

    @Override
    public void onStep(Step step) {
        if (everySteps > 0 && step.globalStep() % everySteps == 0 && step.step() < step.stepsPerEpoch()) {
            step.state().checkpoint().write(file);
        }
    }

    @Override
    public void onEpoch(Epoch epoch) {
        epoch.state().checkpoint().write(file);
    }
}
