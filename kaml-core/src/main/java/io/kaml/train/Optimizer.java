package io.kaml.train;

import io.kaml.artifact.Tensor;
import io.kaml.nn.Gradients;
import io.kaml.nn.Parameter;
import io.kaml.nn.ParameterSet;
import io.kaml.nn.SparseRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * Applies one update per step to every parameter of a {@link ParameterSet} layout: bias-corrected
 * Adam for dense parameters, and for sparse ones the {@link EmbeddingOptimizer} of the config, which
 * touches only the rows present in the gradient (see {@link LazyAdam} for how lazy Adam differs from
 * dense Adam). All state is allocated in the constructor; a step allocates no buffers, and its cost on a
 * sparse parameter follows the number of touched rows, not the table size.
 *
 * <p>The gradients are read, never modified. Not thread-safe: one optimiser per training loop.
 */
public final class Optimizer {
    private final OptimizerConfig config;
    private final List<Parameter> layout;
    private final Adam adam;
    private final float[][] firstMoment;
    private final float[][] secondMoment;
    private final SparseRule[] sparseRules;
    private final List<Tensor> state = new ArrayList<>();
    private long steps;

    /** Allocates zeroed state for the parameters of {@code parameters} (their values are not read). */
    public Optimizer(OptimizerConfig config, ParameterSet parameters) {
        this.config = config;
        layout = List.copyOf(parameters.parameters());
        adam = new Adam(config);
        firstMoment = new float[layout.size()][];
        secondMoment = new float[layout.size()][];
        sparseRules = new SparseRule[layout.size()];
        for (Parameter p : layout) {
            int i = p.index();
            if (p.sparse()) {
                sparseRules[i] = SparseRule.of(p, config, adam);
                state.addAll(sparseRules[i].state());
            } else {
                firstMoment[i] = new float[p.size()];
                secondMoment[i] = new float[p.size()];
                int[] shape = {p.rows(), p.cols()};
                state.add(new Tensor(p.name() + "/adam_m", shape, firstMoment[i]));
                state.add(new Tensor(p.name() + "/adam_v", shape, secondMoment[i]));
            }
        }
    }

    /**
     * Runs a task for each of {@code parts()} parts of a step at once and returns when all are done (the trainer's
     * worker threads).
     */
    public interface Parts {
        int parts();

        void runAll(IntConsumer part);

        /** First item of part {@code part} of {@code parts} over {@code size} items: contiguous, sizes differ by at most one. */
        static int start(int size, int part, int parts) {
            return (int) ((long) size * part / parts);
        }
    }

    private static final Parts SERIAL = new Parts() {
        @Override
        public int parts() {
            return 1;
        }

        @Override
        public void runAll(IntConsumer part) {
            part.accept(0);
        }
    };

    /**
     * Updates every parameter in place from {@code gradients}, with both learning rates multiplied by
     * {@code learningRateScale} (a {@link LearningRateSchedule}'s value for this step). Everything is
     * checked before anything is written, so a rejected step changes nothing.
     */
    public void step(ParameterSet parameters, Gradients gradients, float learningRateScale) {
        step(parameters, gradients, learningRateScale, SERIAL);
    }

    /**
     * The same step with the work split into {@code parts}: each dense parameter's elements and each sparse
     * parameter's touched rows in contiguous ranges, one per part. Every element's update reads and writes that
     * element alone (and a touched row that row alone), so the result is the serial step's, bit for bit; the
     * split only lets the lazy-Adam update of a large batch's rows, once a serial tail of every step, use every core.
     */
    public void step(ParameterSet parameters, Gradients gradients, float learningRateScale, Parts parts) {
        if (!(learningRateScale >= 0) || Float.isInfinite(learningRateScale)) {
            throw new IllegalArgumentException("learning rate scale must be finite and >= 0, got " + learningRateScale);
        }
        if (!parameters.parameters().equals(layout)) {
            throw new IllegalArgumentException("parameter set differs from the one this optimizer was made for");
        }
        checkRows(gradients);
        float gradScale = denseGradientScale(gradients);
        long t = ++steps;
        double learningRate = config.learningRate() * learningRateScale;
        double embeddingLearningRate = config.embeddingLearningRate() * learningRateScale;
        int n = parts.parts();
        parts.runAll(part -> {
            // The set's own Parameter objects: it checks identity, and an equal layout may be another set.
            for (Parameter p : parameters.parameters()) {
                int i = p.index();
                float[] values = parameters.values(p);
                if (p.sparse()) {
                    SparseRows rows = gradients.sparse(p);
                    sparseRules[i].update(values, rows, embeddingLearningRate, Parts.start(rows.count(), part, n),
                            Parts.start(rows.count(), part + 1, n));
                } else {
                    int from = Parts.start(p.size(), part, n);
                    adam.update(values, firstMoment[i], secondMoment[i], from, gradients.dense(p), from,
                            Parts.start(p.size(), part + 1, n) - from, gradScale, 0f, learningRate, t);
                }
            }
        });
    }

    /** The number of steps taken, including those before a {@link #restore}. */
    public long steps() {
        return steps;
    }

    /**
     * The state for a checkpoint. Its tensors share this optimiser's live arrays (a copy of a large
     * table's moments would double their memory), so write them out before the next step.
     */
    public OptimizerState state() {
        return new OptimizerState(steps, state);
    }

    /**
     * Copies a saved state in, after checking that it has exactly this optimiser's tensor names and
     * shapes; on an error nothing is changed. Steps after a restore are bit-identical to those the
     * saved optimiser would have taken.
     */
    public void restore(OptimizerState saved) {
        Map<String, Tensor> byName = new HashMap<>();
        for (Tensor tensor : saved.tensors()) {
            if (byName.put(tensor.name(), tensor) != null) {
                throw new IllegalArgumentException("optimizer state has tensor " + tensor.name() + " twice");
            }
        }
        TreeSet<String> unexpected = new TreeSet<>(byName.keySet());
        for (Tensor own : state) {
            Tensor in = byName.get(own.name());
            if (in == null) {
                throw new IllegalArgumentException("optimizer state lacks tensor " + own.name()
                        + " (has " + new TreeSet<>(byName.keySet()) + "); was it saved with another embedding_optimizer?");
            }
            if (!Arrays.equals(in.shape(), own.shape())) {
                throw new IllegalArgumentException("optimizer state tensor " + own.name() + " has shape "
                        + Arrays.toString(in.shape()) + ", expected " + Arrays.toString(own.shape()));
            }
            unexpected.remove(own.name());
        }
        if (!unexpected.isEmpty()) {
            throw new IllegalArgumentException("optimizer state has tensors this optimizer does not know: " + unexpected);
        }
        for (Tensor own : state) {
            float[] data = byName.get(own.name()).data();
            System.arraycopy(data, 0, own.data(), 0, data.length);
        }
        steps = saved.step();
    }

    private void checkRows(Gradients gradients) {
        for (Parameter p : layout) {
            if (p.sparse()) {
                SparseRows rows = gradients.sparse(p);
                for (int s = 0; s < rows.count(); s++) {
                    if (rows.row(s) >= p.rows()) {
                        throw new IllegalArgumentException(p.name() + ": gradient row " + rows.row(s)
                                + " outside the table's " + p.rows() + " rows");
                    }
                }
            }
        }
    }

    /** The factor that brings the dense gradients' global L2 norm down to the clip, or 1. */
    private float denseGradientScale(Gradients gradients) {
        if (!config.clipsGradients()) {
            return 1f;
        }
        double sum = 0;
        for (Parameter p : layout) {
            if (!p.sparse()) {
                for (float g : gradients.dense(p)) {
                    sum += (double) g * g;
                }
            }
        }
        double norm = Math.sqrt(sum);
        return norm > config.clipGlobalNorm() ? (float) (config.clipGlobalNorm() / norm) : 1f;
    }
}
