package io.kaml.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The test-sample side of an experiment's AUCs: for each action, and for "all", the samples its AUC is
 * measured on (the cells {@link Evaluator} uses), how many are positive, and the {@link AucEstimate}s
 * of a group's mean AUC and of a preset's difference from base, from the runs' target scores.
 *
 * <p>DeLong's components are computed afresh for each estimate, not kept per run: they would cost 8
 * bytes per test sample per run and action, and recomputing costs one sort.
 */
final class AucEstimates {
    /** The index that stands for "all" in place of an action's. */
    static final int ALL = -1;

    private final List<Subset> actions = new ArrayList<>();
    private final Subset all;

    private record Subset(int[] rows, boolean[] labels, TestCount count) {
        static Subset of(TestTargets test, int[] rows) {
            boolean[] labels = test.positive(rows);
            int positives = 0;
            for (boolean label : labels) {
                positives += label ? 1 : 0;
            }
            return new Subset(rows, labels, new TestCount(rows.length, positives));
        }

        DeLong.Placements placements(ExperimentResult.Run run) {
            float[] scores = new float[rows.length];
            for (int k = 0; k < rows.length; k++) {
                scores[k] = run.targetScores()[rows[k]];
            }
            return DeLong.Placements.of(scores, labels);
        }
    }

    AucEstimates(TestTargets test) {
        for (int j = 0; j < test.actions(); j++) {
            actions.add(Subset.of(test, test.rows(j)));
        }
        all = Subset.of(test, test.allRows());
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
            DeLong.Placements p = subset.placements(runs.get(s));
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
            DeLong d = DeLong.of(subset.placements(model.get(s)), subset.placements(base.get(s)));
            values[s] = d.aucA() - d.aucB();
            variances[s] = d.differenceVariance();
        }
        return AucEstimate.of(values, variances);
    }

    private Subset subset(int action) {
        return action == ALL ? all : actions.get(action);
    }
}
