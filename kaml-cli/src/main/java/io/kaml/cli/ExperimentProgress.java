package io.kaml.cli;

import io.kaml.eval.ExperimentResult;
import io.kaml.train.Experiment;
import io.kaml.train.TrainingListener;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** A line as each run starts and ends, and the training progress in between. */
final class ExperimentProgress implements Experiment.Listener {
    private final PrintWriter err;

    ExperimentProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void onRunStart(Experiment.Run run, int number, int total) {
        err.printf("experiment: run %d/%d: %s ...%n", number, total, run);
        err.flush();
    }

    @Override
    public void onRunEnd(Experiment.Run run, ExperimentResult.Run result, int number, int total) {
        err.printf(Locale.ROOT, "experiment: run %d/%d: %s: all AUC %.4f, GAUC %.4f (epoch %d kept) in %.0f s%n", number, total, run,
                result.test().all().auc(), result.test().gauc(), result.bestEpoch(), result.seconds());
        err.flush();
    }

    @Override
    public List<TrainingListener> training(Experiment.Run run) {
        return List.of(new ProgressListener(err, System.console() != null));
    }
}
