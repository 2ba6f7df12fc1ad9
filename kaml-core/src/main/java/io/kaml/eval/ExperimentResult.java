package io.kaml.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaml.loss.MaskAudit;
import java.util.List;
import java.util.Objects;

/**
 * Everything an experiment (every preset × backbone × seed on one dataset) produced, as the reports
 * need it. Names rather than enums, so reports depend on what was run, not on the training package.
 *
 * @param data      the dataset spec the runs read
 * @param truth     the ground-truth file of the test split, or null
 * @param actions   the dataset's actions in order
 * @param presets   preset names in the order asked for
 * @param backbones backbone names in the order asked for
 * @param seeds     the seeds, every preset × backbone ran with each
 * @param config    the shared configuration (model, loss, training, optimiser) as JSON
 * @param runs      one per preset × backbone × seed
 * @param audit     the ADM mask's view of the training split (the label picture)
 * @param test      the test split's targets and target labels, which every run was scored on
 * @param testTruth the ground truth of the test split's rows, [n, actions]; null exactly when {@code truth} is
 */
public record ExperimentResult(String data, String truth, List<String> actions, List<String> presets,
                               List<String> backbones, List<Long> seeds, ObjectNode config, List<Run> runs,
                               MaskAudit audit, TestTargets test, Truth testTruth) {

    /**
     * One training run and its test results.
     *
     * @param test         test metrics (METHOD §7)
     * @param curve        the training loss and validation AUC of each epoch run
     * @param bestEpoch    the epoch whose weights were kept, from 1
     * @param seconds      wall time of training and evaluation
     * @param targetScores [n] the model's score of each test sample's target action, in the order of
     *                     {@link ExperimentResult#test()}: what the test-sample variances are computed from.
     *                     Held as given, not copied; equality is by identity.
     * @param allScores    [n, actions] every score of every test sample, for the true-label comparisons, which use
     *                     every cell; held only with ground truth (4 bytes per test cell per run), else null
     */
    public record Run(String preset, String backbone, long seed, MetricsReport test, TrainingCurve curve, int bestEpoch,
                      double seconds, float[] targetScores, float[] allScores) {
    }

    public ExperimentResult {
        actions = List.copyOf(actions);
        presets = List.copyOf(presets);
        backbones = List.copyOf(backbones);
        seeds = List.copyOf(seeds);
        runs = List.copyOf(runs);
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(test, "test");
        if ((truth == null) != (testTruth == null)) {
            throw new IllegalArgumentException("a ground-truth file needs its labels and labels need their file: " + truth);
        }
        long cells = (long) test.size() * actions.size();
        if (testTruth != null && testTruth.labels().length != cells) {
            throw new IllegalArgumentException("ground truth has " + testTruth.labels().length + " cells for " + cells + " test cells");
        }
        for (Run r : runs) {
            if (r.targetScores.length != test.size()) {
                throw new IllegalArgumentException("run " + r.preset + " " + r.backbone + " seed " + r.seed + " has "
                        + r.targetScores.length + " test scores for " + test.size() + " test samples");
            }
            if (testTruth != null && (r.allScores == null || r.allScores.length != cells)) {
                throw new IllegalArgumentException("run " + r.preset + " " + r.backbone + " seed " + r.seed + " has "
                        + (r.allScores == null ? "no" : r.allScores.length) + " scores for the " + cells + " cells of the ground truth");
            }
        }
    }

    /** Whether the runs were also scored against ground truth: the data is simulated. */
    public boolean hasTruth() {
        return truth != null;
    }

    /** The run of one preset, backbone and seed; fails when the experiment did not include it. */
    public Run run(String preset, String backbone, long seed) {
        return runs.stream().filter(r -> r.preset.equals(preset) && r.backbone.equals(backbone) && r.seed == seed)
                .findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "no run of preset " + preset + ", backbone " + backbone + ", seed " + seed));
    }

    /** The runs of one preset and backbone, in seed order. */
    public List<Run> runs(String preset, String backbone) {
        return seeds.stream().map(seed -> run(preset, backbone, seed)).toList();
    }
}
