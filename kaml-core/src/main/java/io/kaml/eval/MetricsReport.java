package io.kaml.eval;

import io.kaml.data.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The metrics of METHOD §7 for one model on one test set, as written to {@code metrics.json}.
 *
 * <p>Maps keep the action order they were built with, in memory and in JSON. A metric that is
 * undefined on its subset (AUC of one class, LogLoss of no samples) is {@link Double#NaN} here and
 * {@code null} in JSON.
 *
 * @param actions per action {@code j}: metrics on the samples whose target is {@code j} and whose
 *     label of {@code j} is known
 * @param all metrics on every sample's target action
 * @param gauc advertiser-weighted {@link GroupAuc} on the same pairs as {@code all}
 * @param truth metrics against the simulator's ground truth, or {@code null} when there is none
 */
public record MetricsReport(Map<String, ActionMetrics> actions, AllMetrics all, double gauc, TruthMetrics truth) {

    /**
     * Metrics of one action on its deployment distribution.
     *
     * @param auc AUC, NaN when the subset has one class
     * @param logloss mean cross-entropy, NaN when the subset is empty
     * @param n samples in the subset
     * @param positives positive samples in the subset
     */
    public record ActionMetrics(double auc, double logloss, int n, int positives) {
    }

    /**
     * Metrics of the pooled "all" row: score {@code p[i, target_i]} against label {@code y[i, target_i]}.
     *
     * @param auc AUC, NaN when the pairs have one class
     * @param logloss mean cross-entropy, NaN when there are no pairs
     * @param n pairs with a known label
     */
    public record AllMetrics(double auc, double logloss, int n) {
    }

    /**
     * Metrics against the ground truth (simulated data).
     *
     * @param serving     per action, over the samples that target it: where the model serves that action, the
     *                    deployment figure
     * @param everySample per action, over every sample: an off-deployment diagnostic, since most samples target
     *                    another action (and an HKE model, which trained those on its extended path, is scored on the
     *                    serving path for every sample)
     */
    public record TruthMetrics(Map<String, TruthActionMetrics> serving, Map<String, TruthActionMetrics> everySample) {

        public TruthMetrics {
            serving = orderedCopy(serving, "truth.serving");
            everySample = orderedCopy(everySample, "truth.every_sample");
        }
    }

    /**
     * Metrics of one action's scores on some samples against their true labels and probabilities.
     *
     * @param auc         AUC against the true labels, NaN when they have one class
     * @param expectedAuc AUC in expectation over labels drawn from the true probabilities ({@link ExpectedAuc}):
     *                    how well the scores order the samples by true probability, without one draw's noise
     * @param n           samples
     * @param positives   true positives
     * @param probMae     mean |p - p_true|
     * @param ece         expected calibration error against the true labels, {@value CalibrationError#DEFAULT_BINS} bins
     */
    public record TruthActionMetrics(double auc, double expectedAuc, int n, int positives, double probMae, double ece) {
    }

    public MetricsReport {
        actions = orderedCopy(actions, "actions");
        Objects.requireNonNull(all, "all");
    }

    private static <V> Map<String, V> orderedCopy(Map<String, V> map, String field) {
        Objects.requireNonNull(map, field);
        // Map.copyOf would lose the action order, which the JSON and the table keep.
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * The report as pretty-printed JSON of this shape, keys in this order and actions in map order:
     *
     * <pre>{@code
     * {"actions": {"<name>": {"auc", "logloss", "n", "positives"}, ...},
     *  "all": {"auc", "logloss", "n"},
     *  "gauc",
     *  "truth": {"serving": {"<name>": {"auc", "expected_auc", "n", "positives", "prob_mae", "ece"}, ...},
     *            "every_sample": {the same}}}
     * }</pre>
     *
     * {@code truth} is omitted when absent; NaN is written as {@code null}.
     */
    public String toJson() {
        return ReportJson.write(this);
    }

    /**
     * Writes {@link #toJson()} to {@code file} atomically: into a temporary file in the same
     * directory, then moved over {@code file}, so a reader never sees half a report.
     *
     * @throws IOException if writing or moving fails; the temporary file is removed then
     */
    public void writeJson(Path file) throws IOException {
        AtomicFile.write(file, toJson().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a report written by {@link #toJson()}.
     *
     * @throws IOException if the text is not JSON or lacks a field of the report
     */
    public static MetricsReport fromJson(String json) throws IOException {
        return ReportJson.read(json);
    }

    /** Reads a report written by {@link #writeJson(Path)}. */
    public static MetricsReport readJson(Path file) throws IOException {
        return fromJson(Files.readString(file));
    }

    /**
     * The report as a fixed-width plain-text table for a terminal: one row per action, then "all",
     * with columns n, positives, AUC and LogLoss; then GAUC; then, when present, the truth blocks (on the
     * samples that target each action, then every sample) with n, positives, AUC, expected AUC, prob_MAE and
     * ECE. Undefined metrics print as {@code n/a}.
     */
    public String toTable() {
        return ReportTable.format(this);
    }
}
