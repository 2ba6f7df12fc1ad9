package io.kaml.serve;

import java.util.Arrays;
import java.util.List;

/**
 * The model's answer for one row: the probability of every action, in the model's action order, and
 * the served score, the probability of the row's target action. Immutable.
 */
public final class Prediction {
    private final List<String> actions;
    private final float[] probabilities;
    private final int target;

    Prediction(List<String> actions, float[] probabilities, int target) {
        this.actions = actions;
        this.probabilities = probabilities;
        this.target = target;
    }

    /** The model's actions, in the order of {@link #probability(int)}. */
    public List<String> actions() {
        return actions;
    }

    public float probability(int action) {
        return probabilities[action];
    }

    /** @throws IllegalArgumentException if the model has no such action */
    public float probability(String action) {
        int a = actions.indexOf(action);
        if (a < 0) {
            throw new IllegalArgumentException("unknown action '" + action + "' (actions: " + actions + ")");
        }
        return probabilities[a];
    }

    /** A copy of every action's probability, in model order. */
    public float[] probabilities() {
        return probabilities.clone();
    }

    /** The target action the request named, or null. */
    public String target() {
        return target < 0 ? null : actions.get(target);
    }

    public boolean hasScore() {
        return target >= 0;
    }

    /**
     * The target action's probability: what an ad server ranks by.
     *
     * @throws IllegalStateException when the request named no target action
     */
    public float score() {
        if (target < 0) {
            throw new IllegalStateException("the request named no target action, so there is no score; use probability(action)");
        }
        return probabilities[target];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prediction p && target == p.target && actions.equals(p.actions) && Arrays.equals(probabilities, p.probabilities);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * actions.hashCode() + Arrays.hashCode(probabilities)) + target;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Prediction{");
        if (target >= 0) {
            s.append("target=").append(actions.get(target)).append(", score=").append(probabilities[target]).append(", ");
        }
        for (int a = 0; a < probabilities.length; a++) {
            s.append(a == 0 ? "" : ", ").append(actions.get(a)).append('=').append(probabilities[a]);
        }
        return s.append('}').toString();
    }
}
