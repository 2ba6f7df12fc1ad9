package io.kaml.train;

import io.kaml.artifact.ParameterValues;
import io.kaml.artifact.Tensor;
import io.kaml.eval.MetricsReport;
import io.kaml.model.MultiTaskModel;
import java.util.List;

/**
 * Where a run is: counters, the best epoch so far and its weights. Listeners read it (a checkpoint is
 * a {@link #checkpoint()} of it); only the {@link Trainer} changes it.
 */
public final class TrainingState {
    private final MultiTaskModel model;
    private final Optimizer optimizer;
    private final TrainConfig config;
    private final OptimizerConfig optimizerConfig;
    int epoch;
    int step;
    long globalStep;
    double epochLossSum;
    double bestAuc = Double.NEGATIVE_INFINITY;
    int bestEpoch = -1;
    int badEpochs;
    boolean stopped;
    MetricsReport bestValidation;
    private List<Tensor> bestParameters;

    TrainingState(MultiTaskModel model, Optimizer optimizer, TrainConfig config, OptimizerConfig optimizerConfig) {
        this.model = model;
        this.optimizer = optimizer;
        this.config = config;
        this.optimizerConfig = optimizerConfig;
    }

    /** Closes an epoch; returns whether its validation metric ({@link TrainConfig#selectBy()}) is the best so far. */
    boolean recordEpoch(MetricsReport validation, int patience) {
        double auc = config.selectBy().score(validation);
        boolean improved = bestParameters == null || auc > bestAuc;
        if (improved) {
            bestAuc = Double.isNaN(auc) ? Double.NEGATIVE_INFINITY : auc;
            bestEpoch = epoch;
            bestValidation = validation;
            // Into the previous snapshot's arrays: a checkpoint holding them has been written by now (see checkpoint()).
            bestParameters = ParameterValues.copyInto(model.parameters(), bestParameters);
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        epoch++;
        step = 0;
        epochLossSum = 0;
        stopped = patience > 0 && badEpochs >= patience;
        return improved;
    }

    void restoreBest() {
        if (bestParameters != null) {
            ParameterValues.restore(model.parameters(), bestParameters);
        }
    }

    /** Epochs completed. */
    public int epochsDone() {
        return epoch;
    }

    public long globalStep() {
        return globalStep;
    }

    public MultiTaskModel model() {
        return model;
    }

    /**
     * Everything needed to continue this run bit for bit. Weights are copied; the optimiser state is a
     * view of its live arrays (copying a large table's moments would double their memory), so write the
     * checkpoint before the next step.
     */
    public Checkpoint checkpoint() {
        return new Checkpoint(model.config(), model.encoder(), config, optimizerConfig, epoch, step, globalStep, epochLossSum,
                bestAuc, bestEpoch, badEpochs, stopped, bestValidation,
                ParameterValues.copy(model.parameters()), optimizer.state(), bestParameters);
    }

    void restore(Checkpoint c) {
        c.requireCompatible(model.config(), model.encoder(), config, optimizerConfig);
        ParameterValues.restore(model.parameters(), c.parameters());
        optimizer.restore(c.optimizerState());
        epoch = c.epoch();
        step = c.step();
        globalStep = c.globalStep();
        epochLossSum = c.epochLossSum();
        bestAuc = c.bestAuc();
        bestEpoch = c.bestEpoch();
        badEpochs = c.badEpochs();
        stopped = c.stopped();
        bestValidation = c.bestValidation();
        bestParameters = c.bestParameters();
    }
}
