package io.kaml.eval;

import io.kaml.data.Batch;
import io.kaml.eval.MetricsReport.ActionMetrics;
import io.kaml.eval.MetricsReport.AllMetrics;
import io.kaml.eval.MetricsReport.TruthActionMetrics;
import io.kaml.eval.MetricsReport.TruthMetrics;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies the evaluation protocol of METHOD §7 to one model's predictions on one test set.
 *
 * <p>Samples are addressed by cell, {@code row * actions + action}, in the [n, actions] arrays.
 * Observed labels of -1 (unknown) are left out of every observed-label metric. The truth metrics use
 * every cell, since the simulator knows every label.
 */
public final class Evaluator {

    private Evaluator() {
    }

    /**
     * Computes the report.
     *
     * <ul>
     *   <li>per action {@code j}: AUC and LogLoss of {@code p[i, j]} against {@code y[i, j]} over the
     *       samples with {@code target_i = j} and a known {@code y[i, j]}: the task's deployment
     *       distribution;
     *   <li>all: AUC and LogLoss of {@code p[i, target_i]} against {@code y[i, target_i]} over every
     *       sample with a known target label;
     *   <li>GAUC: per advertiser on the same pairs as "all";
     *   <li>truth, when given: per action {@code j} on the samples with {@code target_i = j} (where the
     *       model serves {@code j}) and, as a diagnostic, on every sample: AUC of {@code p[i, j]} against
     *       the true label, its expectation over labels drawn from the true probabilities, mean
     *       |p - p_true|, and ECE against the true labels.
     * </ul>
     *
     * @param predictions the model's scores and the observed labels
     * @param truth the simulator's ground truth aligned with {@code predictions}, or {@code null}
     * @return the metrics, with actions in the order of {@code predictions.actions()}
     * @throws IllegalArgumentException if {@code truth} does not have [n, actions] cells
     */
    public static MetricsReport evaluate(Predictions predictions, Truth truth) {
        int actionCount = predictions.actions().size();
        Map<String, ActionMetrics> perAction = new LinkedHashMap<>();
        for (int j = 0; j < actionCount; j++) {
            int[] cells = actionCells(predictions, j);
            float[] scores = gather(predictions.scores(), cells);
            boolean[] labels = isPositive(predictions.labels(), cells);
            perAction.put(predictions.actions().get(j), new ActionMetrics(
                    Auc.of(scores, labels), LogLoss.of(scores, labels), cells.length, positives(labels)));
        }

        int[] cells = targetCells(predictions);
        float[] scores = gather(predictions.scores(), cells);
        boolean[] labels = isPositive(predictions.labels(), cells);
        var all = new AllMetrics(Auc.of(scores, labels), LogLoss.of(scores, labels), cells.length);
        int[] advertiser = new int[cells.length];
        for (int k = 0; k < cells.length; k++) {
            advertiser[k] = predictions.advertiser()[cells[k] / actionCount];
        }
        double gauc = GroupAuc.of(scores, labels, advertiser);

        TruthMetrics truthMetrics = truth == null ? null : truthMetrics(predictions, truth);
        return new MetricsReport(perAction, all, gauc, truthMetrics);
    }

    private static TruthMetrics truthMetrics(Predictions predictions, Truth truth) {
        if (truth.labels().length != predictions.scores().length) {
            throw new IllegalArgumentException("truth has " + truth.labels().length
                    + " cells but predictions have n * actions = " + predictions.scores().length);
        }
        int actionCount = predictions.actions().size();
        Map<String, TruthActionMetrics> serving = new LinkedHashMap<>();
        Map<String, TruthActionMetrics> everySample = new LinkedHashMap<>();
        for (int j = 0; j < actionCount; j++) {
            int[] cells = new int[predictions.n()];
            int targeting = 0;
            for (int i = 0; i < cells.length; i++) {
                cells[i] = i * actionCount + j;
            }
            int[] served = new int[predictions.n()];
            for (int i = 0; i < predictions.n(); i++) {
                if (predictions.target()[i] == j) {
                    served[targeting++] = i * actionCount + j;
                }
            }
            String action = predictions.actions().get(j);
            serving.put(action, truthMetrics(predictions, truth, Arrays.copyOf(served, targeting)));
            everySample.put(action, truthMetrics(predictions, truth, cells));
        }
        return new TruthMetrics(serving, everySample);
    }

    private static TruthActionMetrics truthMetrics(Predictions predictions, Truth truth, int[] cells) {
        float[] scores = gather(predictions.scores(), cells);
        boolean[] labels = isPositive(truth.labels(), cells);
        float[] trueProbabilities = gather(truth.probabilities(), cells);
        return new TruthActionMetrics(Auc.of(scores, labels), ExpectedAuc.of(scores, trueProbabilities), cells.length,
                positives(labels), CalibrationError.meanAbsolute(scores, trueProbabilities), CalibrationError.expected(scores, labels));
    }

    /** Cells of action {@code j} for the samples whose target is {@code j} and whose label is known. */
    private static int[] actionCells(Predictions predictions, int j) {
        int actionCount = predictions.actions().size();
        int[] cells = new int[predictions.n()];
        int count = 0;
        for (int i = 0; i < predictions.n(); i++) {
            int cell = i * actionCount + j;
            if (predictions.target()[i] == j && predictions.labels()[cell] != Batch.UNKNOWN) {
                cells[count++] = cell;
            }
        }
        return Arrays.copyOf(cells, count);
    }

    /** Cells of each sample's target action, for the samples whose target label is known. */
    private static int[] targetCells(Predictions predictions) {
        int actionCount = predictions.actions().size();
        int[] cells = new int[predictions.n()];
        int count = 0;
        for (int i = 0; i < predictions.n(); i++) {
            int cell = i * actionCount + predictions.target()[i];
            if (predictions.labels()[cell] != Batch.UNKNOWN) {
                cells[count++] = cell;
            }
        }
        return Arrays.copyOf(cells, count);
    }

    private static float[] gather(float[] values, int[] cells) {
        float[] out = new float[cells.length];
        for (int k = 0; k < cells.length; k++) {
            out[k] = values[cells[k]];
        }
        return out;
    }

    private static boolean[] isPositive(byte[] labels, int[] cells) {
        boolean[] out = new boolean[cells.length];
        for (int k = 0; k < cells.length; k++) {
            out[k] = labels[cells[k]] == 1;
        }
        return out;
    }

    private static int positives(boolean[] labels) {
        int count = 0;
        for (boolean label : labels) {
            if (label) {
                count++;
            }
        }
        return count;
    }
}
