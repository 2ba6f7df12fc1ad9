package io.kaml.train;

import io.kaml.eval.TrainingCurve;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a run's {@link TrainingCurve} from the loop's epoch events, for the experiment report: the validation
 * metric is the one the run keeps its best epoch by, so the curve shows why that epoch was kept.
 */
final class CurveRecorder implements TrainingListener {
    private final List<TrainingCurve.Epoch> epochs = new ArrayList<>();
    private final EpochSelection selection;

    CurveRecorder(EpochSelection selection) {
        this.selection = selection;
    }

    @Override
    public void onEpoch(Epoch epoch) {
        // The loop counts epochs from 0; reports count them from 1, as the best epoch is shown.
        epochs.add(new TrainingCurve.Epoch(epoch.epoch() + 1, epoch.meanLoss(), selection.score(epoch.validation())));
    }

    /** The epochs seen so far. */
    TrainingCurve curve() {
        return new TrainingCurve(epochs);
    }
}
