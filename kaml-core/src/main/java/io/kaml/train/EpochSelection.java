package io.kaml.train;

import io.kaml.eval.MetricsReport;
import java.util.Arrays;

/**
 * Which validation metric keeps an epoch (and counts patience). The pooled "all" AUC is dominated by the
 * common actions: its samples are every sample's target prediction, so an epoch that trades a rare
 * action's ranking for a little of a common one's wins. The mean of the per-action AUCs weighs every
 * action the same, over the actions whose validation samples hold both classes.
 */
public enum EpochSelection {
    /** The validation "all" AUC (every sample's target prediction). */
    ALL("all"),
    /** The mean over actions of the validation AUC on the samples that target each, where it is defined. */
    MEAN_ACTION("mean-action");

    private final String key;

    EpochSelection(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The metric of {@code validation} this selection maximises; NaN when undefined. */
    public double score(MetricsReport validation) {
        return switch (this) {
            case ALL -> validation.all().auc();
            case MEAN_ACTION -> validation.actions().values().stream().mapToDouble(MetricsReport.ActionMetrics::auc)
                    .filter(auc -> !Double.isNaN(auc)).average().orElse(Double.NaN);
        };
    }

    public static EpochSelection parse(String key) {
        for (EpochSelection s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("training key 'select_by' must be one of "
                + Arrays.stream(values()).map(EpochSelection::key).toList() + ", got '" + key + "'");
    }
}
