package io.kaml.train;

import io.kaml.data.Batch;
import io.kaml.eval.MetricsReport;
import io.kaml.eval.ModelEvaluation;
import io.kaml.loss.Objective;
import io.kaml.model.MultiTaskModel;
import io.kaml.model.Scorer;
import io.kaml.nn.Gradients;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The one training loop, for every backbone and objective:
 * <pre>
 * for each epoch: the batch source orders the training rows by (seed, epoch)
 *   for each batch: workers gather their slice (dropping inputs to "missing" with --missing-dropout)
 *                   and run forward on it → the objective turns the whole batch's logits
 *                   into a loss and dLogits → workers run backward into their own gradients → the
 *                   gradients are summed in worker order → (with several replicas) averaged across
 *                   them → one optimiser step
 *   score the validation split; keep the weights with the best "all" AUC; stop after `patience` worse epochs
 * restore the best weights
 * </pre>
 * Everything random derives from the seed, and reductions have a fixed order, so the same seed and
 * thread count give bit-identical weights — also across a checkpoint and {@code resume}. Scale enters
 * through two seams, not a second loop: the {@link BatchSource} (rows in memory, on disk, in a Spark
 * partition) and the {@link GradientReduction} (nothing for one process; a ring across Spark tasks, after
 * which every replica holds the same gradients and so takes the same step).
 */
public final class Trainer {
    private final TrainConfig config;
    private final OptimizerConfig optimizerConfig;
    private final LearningRateSchedule schedule;
    private final List<TrainingListener> listeners;

    public Trainer(TrainConfig config, OptimizerConfig optimizerConfig, LearningRateSchedule schedule,
                   List<TrainingListener> listeners) {
        this.config = config;
        this.optimizerConfig = optimizerConfig;
        this.schedule = schedule;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Trains {@code model} in place on rows held in memory; with {@code resume} non-null, continues that
     * checkpoint's run.
     */
    public TrainingResult fit(MultiTaskModel model, Batch train, Batch valid, Objective objective, Checkpoint resume) {
        return fit(model, new InMemoryRows(train), valid, objective, resume);
    }

    /**
     * Trains {@code model} in place on the rows {@code train} hands out; with {@code resume} non-null,
     * continues that checkpoint's run.
     */
    public TrainingResult fit(MultiTaskModel model, BatchSource train, Batch valid, Objective objective, Checkpoint resume) {
        return fit(model, train, valid, objective, resume, GradientReduction.NONE);
    }

    /**
     * Trains one replica of a data-parallel run: {@code train} is this replica's share of the rows (every
     * replica must take the same number of steps per epoch), and {@code reduction} averages each step's
     * gradients over the replicas. Every replica scores the same validation rows, so all make the same
     * early-stopping decision.
     */
    public TrainingResult fit(MultiTaskModel model, BatchSource train, Batch valid, Objective objective, Checkpoint resume,
                              GradientReduction reduction) {
        if (train.rows() == 0) {
            throw new TrainingException("the training split has no rows");
        }
        // The model file must tell serving what training did: see FeatureEncoder#withMissingDropout.
        if (model.encoder().missing().dropout() != config.missingDropout()) {
            throw new IllegalArgumentException("the model's encoder records missing dropout " + model.encoder().missing().dropout()
                    + " but training would use " + config.missingDropout());
        }
        long start = System.nanoTime();
        int threads = config.threads();
        int batchSize = Math.min(config.batchSize(), train.rows());
        int stepsPerEpoch = (train.rows() + batchSize - 1) / batchSize;
        int sliceCapacity = (batchSize + threads - 1) / threads;
        Optimizer optimizer = new Optimizer(optimizerConfig, model.parameters());
        TrainingState state = new TrainingState(model, optimizer, config, optimizerConfig);
        if (resume != null) {
            state.restore(resume);
        }
        listeners.forEach(l -> l.onStart(new TrainingListener.Start(config.epochs(), stepsPerEpoch, train.rows(),
                state.epoch, state.globalStep)));
        MissingDropout dropout = new MissingDropout(config.missingDropout(), config.seed());
        Worker[] workers = new Worker[threads];
        for (int w = 0; w < threads; w++) {
            workers[w] = new Worker(model, sliceCapacity);
        }
        Gradients total = model.parameters().newGradients();
        float[] logits = new float[batchSize * model.actions()];
        float[] dLogits = new float[batchSize * model.actions()];
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "kaml-train");
            t.setDaemon(true);
            return t;
        });
        // The optimiser's step on the same workers: its result does not depend on the split (Optimizer#step).
        Optimizer.Parts stepParts = new Optimizer.Parts() {
            @Override
            public int parts() {
                return threads;
            }

            @Override
            public void runAll(IntConsumer part) {
                Trainer.runAll(pool, workers, part);
            }
        };
        try (Scorer scorer = new Scorer(model, threads)) {
            while (state.epoch < config.epochs() && !state.stopped) {
                long epochStart = System.nanoTime();
                BatchSource.Epoch batches = train.epoch(config.seed(), state.epoch, batchSize);
                for (int step = state.step; step < stepsPerEpoch; step++) {
                    BatchSource.Slice batch = batches.batch(step);
                    int rows = batch.rows();
                    int a = model.actions();
                    long globalStep = state.globalStep;
                    runAll(pool, workers, w -> workers[w].forward(batch, Optimizer.Parts.start(rows, w, threads), Optimizer.Parts.start(rows, w + 1, threads), logits,
                            dropout, globalStep));
                    double loss = objective.lossAndGradient(batch.data(), batch.order(), batch.from(), batch.to(), logits, dLogits);
                    if (!Double.isFinite(loss)) {
                        throw new TrainingException("the loss became " + loss + " at epoch " + (state.epoch + 1) + ", step "
                                + (step + 1) + " (global step " + (state.globalStep + 1)
                                + "); lower the learning rate or check the inputs for extreme values");
                    }
                    runAll(pool, workers, w -> workers[w].backward(dLogits, a));
                    total.clear();
                    for (Worker worker : workers) {
                        worker.gradients.addTo(total);
                    }
                    reduction.reduce(total);
                    optimizer.step(model.parameters(), total, (float) schedule.scale(state.globalStep), stepParts);
                    state.globalStep++;
                    state.step = step + 1;
                    state.epochLossSum += loss * rows;
                    int stepNumber = step + 1;
                    listeners.forEach(l -> l.onStep(new TrainingListener.Step(state.epoch, stepNumber, stepsPerEpoch,
                            state.globalStep, rows, loss, state)));
                }
                MetricsReport validation = ModelEvaluation.evaluate(scorer, model.encoder().actions(), valid, null);
                double meanLoss = state.epochLossSum / train.rows();
                boolean improved = state.recordEpoch(validation, config.patience());
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                TrainingListener.Epoch event = new TrainingListener.Epoch(state.epoch - 1, meanLoss, validation, improved,
                        state.stopped, seconds, state);
                listeners.forEach(l -> l.onEpoch(event));
            }
        } finally {
            pool.shutdownNow();
        }
        state.restoreBest();
        TrainingResult result = new TrainingResult(state.bestEpoch, state.bestValidation, state.epoch, state.globalStep,
                (System.nanoTime() - start) / 1e9);
        listeners.forEach(l -> l.onEnd(result));
        return result;
    }

    private static void runAll(ExecutorService pool, Worker[] workers, IntConsumer task) {
        if (workers.length == 1) {
            task.accept(0);
            return;
        }
        List<Callable<Void>> calls = new ArrayList<>(workers.length);
        for (int w = 0; w < workers.length; w++) {
            int worker = w;
            calls.add(() -> {
                task.accept(worker);
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(calls)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingException("training interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new TrainingException("a training worker failed: " + e.getCause(), e.getCause());
        }
    }

    /** One thread's slice of every batch: gathered inputs, a model pass and its own gradients. */
    private static final class Worker {
        private final MultiTaskModel.Pass pass;
        private final Gradients gradients;
        private final int[] ids;
        private final float[] numerical;
        private final int[] target;
        private final float[] dSlice;
        private int sliceFrom;
        private int rows;

        Worker(MultiTaskModel model, int capacity) {
            this.pass = model.newPass(capacity);
            this.gradients = model.parameters().newGradients();
            ids = new int[capacity * model.encoder().categoricalFields().size()];
            numerical = new float[capacity * model.encoder().numericalFields().size()];
            target = new int[capacity];
            dSlice = new float[capacity * model.actions()];
        }

        /**
         * Forward on rows [lo, hi) of {@code batch} (relative to its start), their inputs dropped to missing by
         * {@code dropout} at {@code globalStep}; writes their logits into {@code logits}.
         */
        void forward(BatchSource.Slice batch, int lo, int hi, float[] logits, MissingDropout dropout, long globalStep) {
            sliceFrom = lo;
            rows = hi - lo;
            Batch data = batch.data();
            int[] order = batch.order();
            int f = data.categoricalFields();
            int nf = data.numericalFields();
            for (int r = 0; r < rows; r++) {
                int i = order[batch.from() + lo + r];
                System.arraycopy(data.categorical(), i * f, ids, r * f, f);
                System.arraycopy(data.numerical(), i * nf, numerical, r * nf, nf);
                dropout.apply(globalStep, lo + r, ids, r * f, f, numerical, r * nf, nf);
                target[r] = data.target()[i];
            }
            float[] z = pass.forward(ids, numerical, target, rows);
            int a = data.actions();
            System.arraycopy(z, 0, logits, lo * a, rows * a);
        }

        void backward(float[] dLogits, int actions) {
            gradients.clear();
            System.arraycopy(dLogits, sliceFrom * actions, dSlice, 0, rows * actions);
            pass.backward(dSlice, gradients);
        }
    }
}
