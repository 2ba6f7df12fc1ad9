package io.kaml.eval;

import io.kaml.data.Batch;
import io.kaml.model.Scorer;
import java.util.List;

/** Scores an encoded split with a model and applies the protocol: what validation, {@code train} and {@code eval} report. */
public final class ModelEvaluation {
    private ModelEvaluation() {
    }

    /**
     * @param truth ground truth aligned with {@code split}'s rows, or null
     */
    public static MetricsReport evaluate(Scorer scorer, List<String> actions, Batch split, Truth truth) {
        return evaluate(actions, split, scorer.score(split), truth);
    }

    /**
     * @param scores [n, actions] probabilities already computed for {@code split}
     * @param truth  ground truth aligned with {@code split}'s rows, or null
     */
    public static MetricsReport evaluate(List<String> actions, Batch split, float[] scores, Truth truth) {
        return Evaluator.evaluate(new Predictions(actions, split.size(), scores, split.labels(), split.target(),
                split.advertiser()), truth);
    }
}
