package io.kaml.eval;

import io.kaml.data.Batch;
import java.util.Arrays;

/**
 * The test split as the significance tests need it, held once per experiment: each sample's target
 * action and its label of that action. Every per-action AUC and the "all" AUC are measured on target
 * cells only ({@link Evaluator}), so a run's test scores reduce to one score per sample
 * ({@link #targetScores}), 4 bytes a test row per run.
 *
 * @param actions number of actions
 * @param target  [n] each sample's target action
 * @param label   [n] its label of that action: 1, 0 or {@link Batch#UNKNOWN}
 */
public record TestTargets(int actions, int[] target, byte[] label) {

    public TestTargets {
        if (target.length != label.length) {
            throw new IllegalArgumentException(target.length + " targets but " + label.length + " labels");
        }
        for (int i = 0; i < target.length; i++) {
            if (target[i] < 0 || target[i] >= actions) {
                throw new IllegalArgumentException("target[" + i + "] = " + target[i] + " is not an action index in [0, " + actions + ")");
            }
        }
    }

    /** The targets and target labels of a split's rows. */
    public static TestTargets of(Batch split) {
        byte[] label = new byte[split.size()];
        for (int i = 0; i < label.length; i++) {
            label[i] = split.labels()[i * split.actions() + split.target()[i]];
        }
        return new TestTargets(split.actions(), split.target().clone(), label);
    }

    public int size() {
        return target.length;
    }

    /** [n] each sample's score of its target action, from a model's [n, actions] scores. */
    public float[] targetScores(float[] scores) {
        if (scores.length != (long) target.length * actions) {
            throw new IllegalArgumentException(scores.length + " scores for " + target.length + " samples of " + actions + " actions");
        }
        float[] out = new float[target.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores[i * actions + target[i]];
        }
        return out;
    }

    /** The samples action {@code j}'s AUC is measured on: those that target it with a known label. */
    public int[] rows(int j) {
        return select(j);
    }

    /** The samples the "all" AUC is measured on: every one with a known target label. */
    public int[] allRows() {
        return select(-1);
    }

    /** Labels of {@code rows}, true for 1. */
    public boolean[] positive(int[] rows) {
        boolean[] out = new boolean[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = label[rows[k]] == 1;
        }
        return out;
    }

    private int[] select(int action) {
        int[] rows = new int[target.length];
        int count = 0;
        for (int i = 0; i < target.length; i++) {
            if ((action < 0 || target[i] == action) && label[i] != Batch.UNKNOWN) {
                rows[count++] = i;
            }
        }
        return Arrays.copyOf(rows, count);
    }
}
