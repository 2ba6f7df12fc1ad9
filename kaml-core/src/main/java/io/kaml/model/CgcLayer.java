package io.kaml.model;

import io.kaml.nn.ExpertMixture;
import io.kaml.nn.Gradients;
import io.kaml.nn.Mlp;
import io.kaml.nn.ParameterSet;
import io.kaml.nn.SoftmaxGate;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One customised gate control (CGC) layer of {@link Ple}: per task {@code specific} expert MLPs that
 * read the task's input, {@code shared} expert MLPs that read the shared input, and per task a softmax
 * gate over its own experts followed by the shared ones, whose mixture is the task's output. With a
 * shared output, a further gate over every expert of the layer (task 0's, task 1's, ..., then the
 * shared ones) mixes the shared output that the next layer's shared experts read.
 *
 * <p>Parameters are {@code name.task<t>.expert<k>}, {@code name.shared<s>}, {@code name.gate.task<t>}
 * and {@code name.gate.shared}, registered in that order.
 */
final class CgcLayer {
    private final int width;
    private final int tasks;
    private final int specific;
    private final Mlp[][] taskExperts;
    private final Mlp[] sharedExperts;
    private final SoftmaxGate[] taskGates;
    private final SoftmaxGate sharedGate;
    private final ExpertMixture taskMixture;
    private final ExpertMixture sharedMixture;

    /**
     * @param in           width of every input row, task and shared alike
     * @param hidden       widths of each expert; the last is the layer's output width
     * @param sharedOutput whether to build the shared gate, i.e. whether a next layer's shared experts read
     *                     a shared output
     */
    CgcLayer(ParameterSet parameters, String name, int in, List<Integer> hidden, int tasks, int specific,
             int shared, boolean sharedOutput, RandomGenerator random) {
        if (tasks < 1 || specific < 1 || shared < 0) {
            throw new IllegalArgumentException(name + ": need tasks >= 1, specific >= 1 and shared >= 0");
        }
        this.tasks = tasks;
        this.specific = specific;
        taskExperts = new Mlp[tasks][specific];
        for (int t = 0; t < tasks; t++) {
            for (int k = 0; k < specific; k++) {
                taskExperts[t][k] = new Mlp(parameters, name + ".task" + t + ".expert" + k, in, hidden, true, random);
            }
        }
        sharedExperts = new Mlp[shared];
        for (int s = 0; s < shared; s++) {
            sharedExperts[s] = new Mlp(parameters, name + ".shared" + s, in, hidden, true, random);
        }
        width = taskExperts[0][0].out();
        taskGates = new SoftmaxGate[tasks];
        for (int t = 0; t < tasks; t++) {
            taskGates[t] = new SoftmaxGate(parameters, name + ".gate.task" + t, in, specific + shared, random);
        }
        taskMixture = new ExpertMixture(specific + shared, width);
        int all = tasks * specific + shared;
        sharedGate = sharedOutput ? new SoftmaxGate(parameters, name + ".gate.shared", in, all, random) : null;
        sharedMixture = sharedOutput ? new ExpertMixture(all, width) : null;
    }

    int width() {
        return width;
    }

    boolean hasSharedOutput() {
        return sharedGate != null;
    }

    Pass newPass(int maxBatch) {
        return new Pass(maxBatch);
    }

    /** One worker's expert activations, gate values, mixtures and their gradients. */
    final class Pass {
        private final Mlp.Pass[][] taskExpertPasses = new Mlp.Pass[tasks][specific];
        private final Mlp.Pass[] sharedExpertPasses = new Mlp.Pass[sharedExperts.length];
        /** Per task, the outputs its gate mixes: its own experts, then the shared ones. */
        private final float[][][] taskGateExperts = new float[tasks][specific + sharedExperts.length][];
        /** Every expert output in shared-gate order. */
        private final float[][] allExperts = new float[tasks * specific + sharedExperts.length][];
        /** One gradient buffer per expert; the two views below alias them so both gates add into one sum. */
        private final float[][] dAllExperts = new float[allExperts.length][];
        private final float[][][] dTaskGateExperts = new float[tasks][specific + sharedExperts.length][];
        private final float[][] taskGateValues = new float[tasks][];
        private final float[][] taskOut = new float[tasks][];
        private final float[] sharedGateValues;
        private final float[] sharedOut;
        private final float[] dGate;
        private float[][] taskIn;
        private float[] sharedIn;
        private int batch;

        private Pass(int maxBatch) {
            int shared = sharedExperts.length;
            for (int e = 0; e < dAllExperts.length; e++) {
                dAllExperts[e] = new float[maxBatch * width];
            }
            for (int t = 0; t < tasks; t++) {
                for (int k = 0; k < specific; k++) {
                    taskExpertPasses[t][k] = taskExperts[t][k].newPass(maxBatch);
                    dTaskGateExperts[t][k] = dAllExperts[t * specific + k];
                }
                for (int s = 0; s < shared; s++) {
                    dTaskGateExperts[t][specific + s] = dAllExperts[tasks * specific + s];
                }
                taskGateValues[t] = new float[maxBatch * (specific + shared)];
                taskOut[t] = new float[maxBatch * width];
            }
            for (int s = 0; s < shared; s++) {
                sharedExpertPasses[s] = sharedExperts[s].newPass(maxBatch);
            }
            sharedGateValues = hasSharedOutput() ? new float[maxBatch * allExperts.length] : null;
            sharedOut = hasSharedOutput() ? new float[maxBatch * width] : null;
            dGate = new float[maxBatch * allExperts.length];
        }

        /**
         * @param taskIn   [tasks][batch, in], kept by reference until {@link #backward}
         * @param sharedIn [batch, in], kept by reference; unread (may be null) without shared experts or gate
         * @return [tasks][batch, width], owned by the pass
         */
        float[][] forward(float[][] taskIn, float[] sharedIn, int batch) {
            this.taskIn = taskIn;
            this.sharedIn = sharedIn;
            this.batch = batch;
            int shared = sharedExperts.length;
            for (int s = 0; s < shared; s++) {
                float[] out = sharedExpertPasses[s].forward(sharedIn, batch);
                allExperts[tasks * specific + s] = out;
                for (int t = 0; t < tasks; t++) {
                    taskGateExperts[t][specific + s] = out;
                }
            }
            for (int t = 0; t < tasks; t++) {
                for (int k = 0; k < specific; k++) {
                    float[] out = taskExpertPasses[t][k].forward(taskIn[t], batch);
                    allExperts[t * specific + k] = out;
                    taskGateExperts[t][k] = out;
                }
                taskGates[t].forward(taskIn[t], taskGateValues[t], batch);
                taskMixture.forward(taskGateExperts[t], taskGateValues[t], taskOut[t], batch);
            }
            if (hasSharedOutput()) {
                sharedGate.forward(sharedIn, sharedGateValues, batch);
                sharedMixture.forward(allExperts, sharedGateValues, sharedOut, batch);
            }
            return taskOut;
        }

        /** [batch, width] the shared output of the last forward, owned by the pass; null without one. */
        float[] sharedOut() {
            return sharedOut;
        }

        /**
         * Adds parameter gradients to {@code gradients} and input gradients to {@code dTaskIn} and
         * {@code dSharedIn}: an input read by several experts and gates receives the sum. The arrays of
         * {@code dTaskIn} may alias each other and {@code dSharedIn}, as when every input is the same row.
         *
         * @param dTaskOut   [tasks][batch, width]
         * @param dSharedOut [batch, width], or null without a shared output
         * @param dTaskIn    [tasks][batch, in], added to
         * @param dSharedIn  [batch, in], added to; unread (may be null) without shared experts or gate
         */
        void backward(float[][] dTaskOut, float[] dSharedOut, float[][] dTaskIn, float[] dSharedIn,
                      Gradients gradients) {
            for (float[] d : dAllExperts) {
                Arrays.fill(d, 0, batch * width, 0f);
            }
            for (int t = 0; t < tasks; t++) {
                taskMixture.backward(taskGateExperts[t], taskGateValues[t], dTaskOut[t], dTaskGateExperts[t], dGate,
                        batch);
                taskGates[t].backward(taskIn[t], taskGateValues[t], dGate, dTaskIn[t], true, batch, gradients);
            }
            if (hasSharedOutput()) {
                sharedMixture.backward(allExperts, sharedGateValues, dSharedOut, dAllExperts, dGate, batch);
                sharedGate.backward(sharedIn, sharedGateValues, dGate, dSharedIn, true, batch, gradients);
            }
            for (int t = 0; t < tasks; t++) {
                for (int k = 0; k < specific; k++) {
                    taskExpertPasses[t][k].backward(dAllExperts[t * specific + k], dTaskIn[t], true, gradients);
                }
            }
            for (int s = 0; s < sharedExperts.length; s++) {
                sharedExpertPasses[s].backward(dAllExperts[tasks * specific + s], dSharedIn, true, gradients);
            }
        }
    }
}
