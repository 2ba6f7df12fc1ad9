package io.kaml.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The test-sample side of an experiment's AUCs: for each action, and for "all" on the observed labels,
 * the cells its AUC is measured on (the cells {@link Evaluator} uses), how many are positive, and the
 * {@link AucEstimate}s of a group's mean AUC and of a preset's difference from base, from the runs'
 * scores. One class for both label sets, so the true-label comparison is the observed-label one's test
 * on other cells, not a second implementation.
 *
 * <p>DeLong's components are computed afresh for each estimate, not kept per run: they would cost 8
 * bytes per test sample per run and action, and recomputing costs one sort.
 */
final class AucEstimates {
    /** The index that stands for "all" in place of an action's. */
    static final int ALL = -1;

    private final List<Subset> actions;
    private final Subset all;
    private final Function<ExperimentResult.Run, float[]> scores;

    /**
     * @param cells  indices into a run's score array ({@link #scores})
     * @param labels [cells] their labels, true for 1
     */
    private record Subset(int[] cells, boolean[] labels, TestCount count) {
        static Subset of(int[] cells, boolean[] labels) {
            int positives = 0;
            for (boolean label : labels) {
                positives += label ? 1 : 0;
            }
            return new Subset(cells, labels, new TestCount(cells.length, positives));
        }

        DeLong.Placements placements(float[] runScores) {
            float[] scores = new float[cells.length];
            for (int k = 0; k < cells.length; k++) {
                scores[k] = runScores[cells[k]];
            }
            return DeLong.Placements.of(scores, labels);
        }
    }

    /**
     * @param all    the "all" cells, or null for a label set without that row
     * @param scores which of a run's score arrays the cells index
     */
    private AucEstimates(List<Subset> actions, Subset all, Function<ExperimentResult.Run, float[]> scores) {
        this.actions = actions;
        this.all = all;
        this.scores = scores;
    }

    /** On the observed labels: per action the samples that target it with a known label, and "all" every such target cell. */
    static AucEstimates observed(TestTargets test) {
        List<Subset> actions = new ArrayList<>();
        for (int j = 0; j < test.actions(); j++) {
            int[] rows = test.rows(j);
            actions.add(Subset.of(rows, test.positive(rows)));
        }
        int[] rows = test.allRows();
        return new AucEstimates(actions, Subset.of(rows, test.positive(rows)), ExperimentResult.Run::targetScores);
    }

    /**
     * On the simulator's true labels, as {@link Evaluator}'s serving truth AUCs: per action the test samples that
     * target it, their score of the action against their true label of it, from the runs'
     * {@link ExperimentResult.Run#allScores()}. No "all" row.
     *
     * @param truth ground truth of the test split, [n, actions]
     * @param test  the test split's targets, row by row as {@code truth}
     */
    static AucEstimates truth(Truth truth, TestTargets test) {
        int actionCount = test.actions();
        List<Subset> actions = new ArrayList<>();
        for (int j = 0; j < actionCount; j++) {
            int[] cells = new int[test.size()];
            boolean[] labels = new boolean[test.size()];
            int n = 0;
            for (int i = 0; i < test.size(); i++) {
                if (test.target()[i] == j) {
                    cells[n] = i * actionCount + j;
                    labels[n++] = truth.labels()[i * actionCount + j] == 1;
                }
            }
            actions.add(Subset.of(Arrays.copyOf(cells, n), Arrays.copyOf(labels, n)));
        }
        return new AucEstimates(actions, null, ExperimentResult.Run::allScores);
    }

    /** @param action an action's index, or {@link #ALL} */
    TestCount count(int action) {
        return subset(action).count;
    }

    /** The mean over {@code runs} (one per seed) of their AUCs, with its interval. */
    AucEstimate mean(List<ExperimentResult.Run> runs, int action) {
        Subset subset = subset(action);
        double[] values = new double[runs.size()];
        double[] variances = new double[runs.size()];
        for (int s = 0; s < runs.size(); s++) {
            DeLong.Placements p = subset.placements(scores.apply(runs.get(s)));
            values[s] = p.auc();
            variances[s] = p.variance();
        }
        return AucEstimate.of(values, variances);
    }

    /** The mean over seeds of {@code model}'s AUC minus {@code base}'s, runs paired by position (the same seed). */
    AucEstimate difference(List<ExperimentResult.Run> model, List<ExperimentResult.Run> base, int action) {
        Subset subset = subset(action);
        double[] values = new double[model.size()];
        double[] variances = new double[model.size()];
        for (int s = 0; s < model.size(); s++) {
            DeLong d = DeLong.of(subset.placements(scores.apply(model.get(s))), subset.placements(scores.apply(base.get(s))));
            values[s] = d.aucA() - d.aucB();
            variances[s] = d.differenceVariance();
        }
        return AucEstimate.of(values, variances);
    }

    private Subset subset(int action) {
        if (action != ALL) {
            return actions.get(action);
        }
        if (all == null) {
            throw new IllegalArgumentException("the true labels have no \"all\" row");
        }
        return all;
    }
}
