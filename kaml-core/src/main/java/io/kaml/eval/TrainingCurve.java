package io.kaml.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one run trained, epoch by epoch: the mean training loss and the validation metric early stopping
 * keeps the best epoch by ({@link #metric}: the validation split's "all" AUC unless the run selects by the mean
 * per-action AUC). A loss still falling at the last epoch says
 * more epochs could help; a validation AUC that peaks and falls says the run overfits and early stopping
 * kept the peak.
 *
 * @param epochs in order of epoch number
 */
public record TrainingCurve(List<Epoch> epochs) {

    /** The name of the validation metric an experiment's curves show, from its config's training key {@code select_by}. */
    static String metric(ExperimentResult result) {
        return result.config().path("train").path("select_by").asText("all").equals("mean-action")
                ? "mean per-action AUC" : "\"all\" AUC";
    }
    /**
     * @param epoch         from 1
     * @param trainingLoss  the run's objective averaged over the epoch's training samples (each batch's loss
     *                      weighted by its rows); its level depends on the objective (a ranking term, a wider mask)
     * @param validationAuc the validation metric the run keeps its epoch by, after the epoch; NaN when undefined
     */
    public record Epoch(int epoch, double trainingLoss, double validationAuc) {
    }

    /**
     * One epoch over several runs (the seeds of a preset and backbone).
     *
     * @param trainingLoss  over the runs that reached the epoch: its {@code n} counts them
     * @param validationAuc over the same runs, leaving out an undefined AUC
     */
    public record EpochSpread(int epoch, Spread trainingLoss, Spread validationAuc) {
    }

    public TrainingCurve {
        epochs = List.copyOf(epochs);
        for (int k = 1; k < epochs.size(); k++) {
            if (epochs.get(k).epoch() <= epochs.get(k - 1).epoch()) {
                throw new IllegalArgumentException("epochs out of order: " + epochs.get(k - 1).epoch() + " then " + epochs.get(k).epoch());
            }
        }
    }

    /** Per epoch any of {@code curves} reached, in order, the spread over the curves that reached it. */
    public static List<EpochSpread> overRuns(List<TrainingCurve> curves) {
        Map<Integer, List<Epoch>> byEpoch = new TreeMap<>();
        for (TrainingCurve curve : curves) {
            curve.epochs.forEach(e -> byEpoch.computeIfAbsent(e.epoch(), k -> new ArrayList<>()).add(e));
        }
        List<EpochSpread> out = new ArrayList<>();
        byEpoch.forEach((epoch, points) -> out.add(new EpochSpread(epoch,
                Spread.of(points.stream().mapToDouble(Epoch::trainingLoss).toArray()),
                Spread.of(points.stream().mapToDouble(Epoch::validationAuc).toArray()))));
        return out;
    }
}
