package io.kaml.train;

import io.kaml.eval.MetricsReport;

/**
 * How a run ended. The model holds the weights of {@code bestEpoch}.
 *
 * @param bestEpoch      epoch (from 0) whose weights were kept
 * @param bestValidation validation metrics of those weights
 * @param epochsRun      epochs completed, including any before a resume
 */
public record TrainingResult(int bestEpoch, MetricsReport bestValidation, int epochsRun, long steps, double seconds) {
}
