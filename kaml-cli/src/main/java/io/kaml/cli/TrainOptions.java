package io.kaml.cli;

import io.kaml.train.EmbeddingOptimizer;
import io.kaml.train.EpochSelection;
import io.kaml.train.OptimizerConfig;
import io.kaml.train.TrainConfig;
import picocli.CommandLine.Option;

/** Loop and optimiser options of {@code train} and {@code experiment}. */
public final class TrainOptions {
    @Option(names = "--epochs", paramLabel = "N", defaultValue = "3", description = "Passes over the training split at most (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1024", description = "Rows per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads per batch (default: the machine's cores, at most 2 for reproducible figures: ${DEFAULT-VALUE}).")
    int threads = TrainConfig.defaults().threads();

    @Option(names = "--patience", paramLabel = "N", defaultValue = "2",
            description = "Stop after this many epochs without a better validation metric (--select-by); 0 never stops early (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--select-by", paramLabel = "all|mean-action", defaultValue = "all",
            description = "Validation metric that keeps an epoch: the pooled 'all' AUC, or the mean of the per-action AUCs, which "
                    + "weighs a rare action as much as a common one (default: ${DEFAULT-VALUE}).")
    String selectBy;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "0.001", description = "Adam learning rate of dense weights (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--embedding-lr", paramLabel = "X", defaultValue = "0.001", description = "Learning rate of embedding rows (default: ${DEFAULT-VALUE}).")
    double embeddingLr;

    @Option(names = "--embedding-optimizer", paramLabel = "lazy_adam|adagrad", defaultValue = "lazy_adam",
            description = "Update rule for embedding rows; only the rows a batch uses are touched (default: ${DEFAULT-VALUE}).")
    String embeddingOptimizer;

    @Option(names = "--embedding-l2", paramLabel = "X", defaultValue = "0", description = "L2 on the embedding rows a batch touches (default: ${DEFAULT-VALUE}).")
    double embeddingL2;

    @Option(names = "--missing-dropout", paramLabel = "P", defaultValue = "0",
            description = "Probability with which training replaces each input, field by field, by 'missing', so the model learns "
                    + "to score rows without a feature and accepts them in predict and serve; drawn from the seed, never applied "
                    + "to validation or test rows. Try 0.02-0.1 and compare the validation AUC (default: ${DEFAULT-VALUE}).")
    double missingDropout;

    /** The loop with {@code seed}, which {@link SingleRunOptions} or an experiment's list chooses. */
    public TrainConfig config(long seed, int checkpointSteps) {
        return new TrainConfig(epochs, batchSize, threads, seed, patience, checkpointSteps, missingDropout, EpochSelection.parse(selectBy));
    }

    public OptimizerConfig optimizer() {
        OptimizerConfig d = OptimizerConfig.defaults();
        return new OptimizerConfig(lr, embeddingLr, d.beta1(), d.beta2(), d.epsilon(), EmbeddingOptimizer.parse(embeddingOptimizer),
                embeddingL2, d.clipGlobalNorm());
    }
}
