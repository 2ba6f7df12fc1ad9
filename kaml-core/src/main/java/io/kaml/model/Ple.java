package io.kaml.model;

import io.kaml.nn.Gradients;
import io.kaml.nn.ParameterSet;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Progressive layered extraction: {@code ple_levels} {@link CgcLayer}s stacked. Level 0 reads the
 * backbone input everywhere; level l > 0 gives each task's experts and gate the task's output of level
 * l − 1 and the shared experts and gate the shared output of level l − 1. Each task's representation is
 * its mixture in the last level. Parameters are named {@code ple.level<l>.task<t>.expert<k>},
 * {@code ple.level<l>.shared<s>}, {@code ple.level<l>.gate.task<t>} and {@code ple.level<l>.gate.shared}.
 *
 * <p>Only levels below the last have a shared gate, since only a next level reads the shared output.
 * With {@code ple_shared = 0} there are no shared experts, so nothing would read a shared output and no
 * level has a shared gate: every task gets its own stack of expert mixtures and tasks share nothing
 * above the embeddings. That is a legitimate (if unusual) ablation, so it is built rather than rejected.
 */
public final class Ple implements Backbone {
    private final int inputWidth;
    private final int tasks;
    private final CgcLayer[] levels;

    public Ple(ParameterSet parameters, ModelConfig config, int inputWidth, int tasks, RandomGenerator random) {
        this.inputWidth = inputWidth;
        this.tasks = tasks;
        levels = new CgcLayer[config.pleLevels()];
        int in = inputWidth;
        for (int l = 0; l < levels.length; l++) {
            boolean sharedOutput = l < levels.length - 1 && config.pleShared() > 0;
            levels[l] = new CgcLayer(parameters, "ple.level" + l, in, config.expertHidden(), tasks,
                    config.pleSpecific(), config.pleShared(), sharedOutput, random);
            in = levels[l].width();
        }
    }

    @Override
    public int inputWidth() {
        return inputWidth;
    }

    @Override
    public int outputWidth() {
        return levels[levels.length - 1].width();
    }

    @Override
    public int tasks() {
        return tasks;
    }

    @Override
    public Pass newPass(int maxBatch) {
        return new PlePass(maxBatch);
    }

    private final class PlePass implements Pass {
        private final CgcLayer.Pass[] levelPasses = new CgcLayer.Pass[levels.length];
        /** Level l's task-output gradients, [tasks][batch, width], for l below the last level. */
        private final float[][][] dTaskOut = new float[levels.length - 1][][];
        /** Level l's shared-output gradient, [batch, width], where level l has a shared output. */
        private final float[][] dSharedOut = new float[levels.length - 1][];
        /** Level 0 hands the one input row to every task. */
        private final float[][] inputPerTask = new float[tasks][];
        private final float[][] dInputPerTask = new float[tasks][];
        private int batch;

        PlePass(int maxBatch) {
            for (int l = 0; l < levels.length; l++) {
                levelPasses[l] = levels[l].newPass(maxBatch);
                if (l < levels.length - 1) {
                    dTaskOut[l] = new float[tasks][maxBatch * levels[l].width()];
                    dSharedOut[l] = levels[l].hasSharedOutput() ? new float[maxBatch * levels[l].width()] : null;
                }
            }
        }

        @Override
        public float[][] forward(float[] x, int batch) {
            this.batch = batch;
            Arrays.fill(inputPerTask, x);
            float[][] taskIn = inputPerTask;
            float[] sharedIn = x;
            for (CgcLayer.Pass level : levelPasses) {
                taskIn = level.forward(taskIn, sharedIn, batch);
                sharedIn = level.sharedOut();
            }
            return taskIn;
        }

        @Override
        public void backward(float[][] dOut, float[] dx, Gradients gradients) {
            float[][] dTask = dOut;
            float[] dShared = null;
            for (int l = levels.length - 1; l >= 0; l--) {
                float[][] dTaskIn;
                float[] dSharedIn;
                if (l == 0) {
                    Arrays.fill(dx, 0, batch * inputWidth, 0f);
                    Arrays.fill(dInputPerTask, dx);
                    dTaskIn = dInputPerTask;
                    dSharedIn = dx;
                } else {
                    int size = batch * levels[l - 1].width();
                    dTaskIn = dTaskOut[l - 1];
                    for (float[] d : dTaskIn) {
                        Arrays.fill(d, 0, size, 0f);
                    }
                    dSharedIn = dSharedOut[l - 1];
                    if (dSharedIn != null) {
                        Arrays.fill(dSharedIn, 0, size, 0f);
                    }
                }
                levelPasses[l].backward(dTask, dShared, dTaskIn, dSharedIn, gradients);
                dTask = dTaskIn;
                dShared = dSharedIn;
            }
        }
    }
}
