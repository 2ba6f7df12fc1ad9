package io.kaml.cli;

import io.kaml.eval.MetricsReport;
import io.kaml.train.EpochSelection;
import io.kaml.train.TrainingListener;
import io.kaml.train.TrainingResult;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress: a progress bar (samples/s, loss, ETA) on a terminal, plain lines every
 * few seconds otherwise (logs, CI), and one line per epoch with the validation metrics.
 */
final class ProgressListener implements TrainingListener {
    /** Fewer optimiser steps than this in an epoch earn a warning. */
    static final int FEW_STEPS = 100;

    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private ProgressBar bar;
    private int epochs;
    private long epochStart;
    private long samplesThisEpoch;
    private long lastLog;
    private double smoothedLoss = Double.NaN;

    ProgressListener(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void onStart(Start start) {
        epochs = start.epochs();
        err.printf(Locale.ROOT, "train: %,d samples, %d steps per epoch, up to %d epochs%s%n", start.trainSamples(),
                start.stepsPerEpoch(), start.epochs(), start.firstGlobalStep() > 0
                        ? String.format(Locale.ROOT, " (resuming at epoch %d, global step %d)", start.firstEpoch() + 1, start.firstGlobalStep())
                        : "");
        if (start.stepsPerEpoch() < FEW_STEPS) {
            // Found by a new user: 400 rows and the default batch gave 3 optimiser steps and an AUC below 0.5, silently.
            err.printf(Locale.ROOT, "train: warning: an epoch is only %d optimiser steps; on data this small the model will be"
                    + " undertrained: lower --batch-size (to about %d for %d steps) or raise --epochs%n", start.stepsPerEpoch(),
                    Math.max(1, start.trainSamples() / FEW_STEPS), FEW_STEPS);
        }
        err.flush();
    }

    @Override
    public void onStep(Step step) {
        if (step.step() == 1 || bar == null && !terminal && epochStart == 0) {
            epochStart = System.nanoTime();
            lastLog = epochStart;
            samplesThisEpoch = 0;
            if (terminal) {
                bar = new ProgressBarBuilder().setTaskName(String.format("epoch %d/%d", step.epoch() + 1, epochs))
                        .setInitialMax(step.stepsPerEpoch()).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                        .build();
            }
        }
        samplesThisEpoch += step.batchRows();
        smoothedLoss = Double.isNaN(smoothedLoss) ? step.loss() : 0.98 * smoothedLoss + 0.02 * step.loss();
        long now = System.nanoTime();
        double rate = samplesThisEpoch / Math.max(1e-9, (now - epochStart) / 1e9);
        if (bar != null) {
            bar.stepTo(step.step());
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f, %,.0f samples/s", smoothedLoss, rate));
        } else if (now - lastLog >= LOG_EVERY_NANOS) {
            lastLog = now;
            double eta = (step.stepsPerEpoch() - step.step()) * ((now - epochStart) / 1e9 / step.step());
            err.printf(Locale.ROOT, "train: epoch %d/%d step %d/%d (%.0f%%) loss %.4f, %,.0f samples/s, epoch ETA %.0f s%n",
                    step.epoch() + 1, epochs, step.step(), step.stepsPerEpoch(), 100.0 * step.step() / step.stepsPerEpoch(),
                    smoothedLoss, rate, eta);
            err.flush();
        }
    }

    @Override
    public void onEpoch(Epoch epoch) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        epochStart = 0;
        MetricsReport v = epoch.validation();
        err.printf(Locale.ROOT, "train: epoch %d/%d done in %.1f s: mean loss %.4f, validation all AUC %.4f, mean action AUC %.4f, "
                        + "GAUC %.4f%s%s%n", epoch.epoch() + 1, epochs, epoch.seconds(), epoch.meanLoss(), v.all().auc(),
                EpochSelection.MEAN_ACTION.score(v), v.gauc(),
                epoch.improved() ? " (best so far)" : "", epoch.stopping() ? "; stopping early" : "");
        err.flush();
    }

    @Override
    public boolean observesFirstStage() {
        return true;
    }

    @Override
    public void onEnd(TrainingResult result) {
        err.printf(Locale.ROOT, "train: kept epoch %d (validation all AUC %.4f, mean action AUC %.4f); %d steps in %.1f s%n",
                result.bestEpoch() + 1, result.bestValidation().all().auc(), EpochSelection.MEAN_ACTION.score(result.bestValidation()),
                result.steps(), result.seconds());
        err.flush();
    }
}
