package io.kaml.eval;

import io.kaml.data.Batch;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A model's predictions on a test set, with the observed labels they are judged against.
 *
 * <p>The arrays are held as given, not copied, because a test set can hold 10^8 cells; callers must
 * not change them while an {@link Evaluator} reads them. For the same reason equality is the
 * record default, by array identity.
 *
 * @param actions the conversion actions in model order; names are unique
 * @param n number of samples
 * @param scores [n, actions] row-major predicted probabilities
 * @param labels [n, actions] row-major observed labels: 1, 0, or {@link Batch#UNKNOWN}
 * @param target [n] index into {@code actions} of each sample's target action
 * @param advertiser [n] dense advertiser index of each sample, non-negative
 */
public record Predictions(
        List<String> actions, int n, float[] scores, byte[] labels, int[] target, int[] advertiser) {

    /**
     * Checks every length and index, so that a mismatch fails here with the field's name rather than
     * later as a wrong metric or an index error deep in a loop.
     *
     * @throws IllegalArgumentException naming the first field that is inconsistent
     */
    public Predictions {
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(advertiser, "advertiser");
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("actions must not be empty");
        }
        var seen = new HashSet<String>();
        for (String action : actions) {
            if (action == null || !seen.add(action)) {
                throw new IllegalArgumentException("actions must be unique non-null names, got " + actions);
            }
        }
        actions = List.copyOf(actions);
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        long cells = (long) n * actions.size();
        checkLength("scores", scores.length, cells);
        checkLength("labels", labels.length, cells);
        checkLength("target", target.length, n);
        checkLength("advertiser", advertiser.length, n);
        for (int c = 0; c < labels.length; c++) {
            if (labels[c] < Batch.UNKNOWN || labels[c] > 1) {
                throw new IllegalArgumentException("labels[" + c + "] = " + labels[c] + " is not 1, 0 or -1");
            }
        }
        for (int i = 0; i < n; i++) {
            if (target[i] < 0 || target[i] >= actions.size()) {
                throw new IllegalArgumentException("target[" + i + "] = " + target[i]
                        + " is not an action index in [0, " + actions.size() + ")");
            }
            if (advertiser[i] < 0) {
                throw new IllegalArgumentException("advertiser[" + i + "] = " + advertiser[i] + " is negative");
            }
        }
    }

    private static void checkLength(String field, int actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(field + " has " + actual + " values, expected " + expected);
        }
    }
}
