package io.kaml.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * How well each run's test predictions match observed rates, on the cells its AUCs are measured on
 * ({@link TestTargets}): per action the samples that target it with a known label, and "all" every
 * sample's target prediction. Per run a {@link ReliabilityCurve} of {@value ReliabilityCurve#DEFAULT_BINS}
 * equal-count bins and the expected calibration error of {@link CalibrationError}; per preset their mean
 * over the seeds.
 *
 * <p>Per action, because one pooled curve mixes actions whose rates differ tenfold: a model can look
 * calibrated overall while it overestimates the rare actions and underestimates the common ones.
 */
final class Calibrations {
    /** The index that stands for "all" in place of an action's. */
    static final int ALL = AucEstimates.ALL;

    /** @param rows the test samples; @param labels [rows] their target labels, true for 1 */
    private record Cells(int[] rows, boolean[] labels) {
        float[] scores(ExperimentResult.Run run) {
            float[] out = new float[rows.length];
            for (int k = 0; k < rows.length; k++) {
                out[k] = run.targetScores()[rows[k]];
            }
            return out;
        }
    }

    private final List<Cells> actions = new ArrayList<>();
    private final Cells all;

    Calibrations(TestTargets test) {
        for (int j = 0; j < test.actions(); j++) {
            int[] rows = test.rows(j);
            actions.add(new Cells(rows, test.positive(rows)));
        }
        int[] rows = test.allRows();
        all = new Cells(rows, test.positive(rows));
    }

    /** @param action an action's index, or {@link #ALL}; no bins when it has no test samples */
    ReliabilityCurve curve(ExperimentResult.Run run, int action) {
        Cells cells = cells(action);
        return ReliabilityCurve.of(cells.scores(run), cells.labels, ReliabilityCurve.DEFAULT_BINS);
    }

    /** ECE of {@link CalibrationError#expected(float[], boolean[])}; NaN when the action has no test samples. */
    double ece(ExperimentResult.Run run, int action) {
        Cells cells = cells(action);
        return CalibrationError.expected(cells.scores(run), cells.labels);
    }

    /** The bin-by-bin mean over {@code runs} (one per seed), see {@link ReliabilityCurve#mean}. */
    ReliabilityCurve meanCurve(List<ExperimentResult.Run> runs, int action) {
        return ReliabilityCurve.mean(runs.stream().map(r -> curve(r, action)).toList());
    }

    Spread ece(List<ExperimentResult.Run> runs, int action) {
        return Spread.of(runs.stream().mapToDouble(r -> ece(r, action)).toArray());
    }

    private Cells cells(int action) {
        return action == ALL ? all : actions.get(action);
    }
}
